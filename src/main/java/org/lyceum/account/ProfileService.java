package org.lyceum.account;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.lyceum.common.Check;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;
import org.lyceum.common.Time;
import org.lyceum.database.Sql;
import org.lyceum.media.MediaRows;
import org.lyceum.text.Texts;

/** The public profile a person edits themselves. */
@ApplicationScoped
public class ProfileService {

    static final int DISPLAY_NAME_MAX = 100;

    private final Sql sql;
    private final AccountService accounts;
    private final PersonQueries people;
    private final MediaRows media;
    private final Texts texts;

    ProfileService(Sql sql, AccountService accounts, PersonQueries people, MediaRows media, Texts texts) {
        this.media = media;
        this.texts = texts;
        this.sql = sql;
        this.accounts = accounts;
        this.people = people;
    }

    public Uni<PersonView> update(UpdateProfileInput in) {
        return accounts.requireViewer().chain(v -> {
            String displayName =
                    in.displayName() == null ? null : Check.required("displayName", in.displayName(), DISPLAY_NAME_MAX);
            String summary = Check.optional("summary", in.summary(), Check.SUMMARY_MAX);
            String icon = Check.url("iconUrl", in.iconUrl());
            if (in.iconUrl() != null && in.iconId() != null) {
                throw new DomainException(ErrorCode.INVALID_INPUT, "give either iconUrl or iconId, not both");
            }
            UUID me = v.requirePersonId();
            return sql.transaction(tx -> media.attachImages(tx, in.iconId(), in.bannerId(), me)
                            .chain(images -> tx.run(
                                    "update person set display_name = coalesce($2, display_name),"
                                            + " display_name_chosen = display_name_chosen or $2 is not null,"
                                            + " summary = case when $3 then $4 else summary end,"
                                            + " summary_html = case when $3 then $12 else summary_html end,"
                                            // An uploaded icon replaces a linked one, and the other way round.
                                            + " icon_url = case when $5 then $6 when $8 then null else icon_url end,"
                                            + " icon_id = case when $8 then $9 when $5 then null else icon_id end,"
                                            + " banner_id = case when $10 then $11 else banner_id end,"
                                            + " updated_at = $7 where id = $1",
                                    me,
                                    displayName,
                                    in.summary() != null,
                                    summary,
                                    in.iconUrl() != null,
                                    icon,
                                    Time.now(),
                                    in.iconId() != null,
                                    images.iconId(),
                                    in.bannerId() != null,
                                    images.bannerId(),
                                    texts.html(summary))))
                    .chain(() -> people.byId(v, v.requirePersonId()));
        });
    }
}
