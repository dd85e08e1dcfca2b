package org.lyceum.account;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.lyceum.common.Check;
import org.lyceum.common.Time;
import org.lyceum.database.Sql;

/** The public profile a person edits themselves. */
@ApplicationScoped
public class ProfileService {

    static final int DISPLAY_NAME_MAX = 100;

    private final Sql sql;
    private final AccountService accounts;
    private final PersonQueries people;

    ProfileService(Sql sql, AccountService accounts, PersonQueries people) {
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
            return sql.run(
                            "update person set display_name = coalesce($2, display_name),"
                                    + " display_name_chosen = display_name_chosen or $2 is not null,"
                                    + " summary = case when $3 then $4 else summary end,"
                                    + " icon_url = case when $5 then $6 else icon_url end, updated_at = $7 where id = $1",
                            v.personId(),
                            displayName,
                            in.summary() != null,
                            summary,
                            in.iconUrl() != null,
                            icon,
                            Time.now())
                    .chain(() -> people.byId(v, v.requirePersonId()));
        });
    }
}
