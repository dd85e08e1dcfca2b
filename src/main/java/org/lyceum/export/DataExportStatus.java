package org.lyceum.export;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("DataExportStatus")
@Description("Where a data export stands.")
public enum DataExportStatus {
    /** Asked for; the data-export job builds it within lyceum.export.every. */
    PENDING,
    /** Stored: url downloads it until expiresAt. */
    READY,
    /** Past expiresAt: its file is gone; ask for a new one. */
    EXPIRED,
    /** Building it failed three times (the server log says why); ask again later. */
    FAILED
}
