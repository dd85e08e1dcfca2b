package org.lyceum.account.deletion;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.jspecify.annotations.Nullable;

@Name("DeleteAccountInput")
public record DeleteAccountInput(
        @Description("Keep what the account wrote, shown as written by a deleted account (default: delete it).")
                @Nullable
                Boolean keepContent) {}
