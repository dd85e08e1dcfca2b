package org.lyceum.account.deletion;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.lyceum.account.AccountService;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;
import org.lyceum.content.ContentDeletion;
import org.lyceum.database.Sql;

/**
 * deleteAccount, in one transaction: the other servers that know the person are sent a Delete
 * (worked out before any tie is cut), their content is deleted or kept under the tombstone, their
 * ties here go, and the person and account rows stay as tombstones so the name and the identity
 * provider subject are not taken again.
 */
@ApplicationScoped
public class AccountDeletion {

    private static final Logger LOG = Logger.getLogger(AccountDeletion.class);

    /** What goes whatever keepContent says: what the person did (blocks too), not what they wrote. */
    private static final List<String> TIES = List.of(
            "delete from liking where person_id = $1",
            "delete from bookmark where person_id = $1",
            "delete from follow where follower_id = $1 or person_id = $1",
            "delete from membership where person_id = $1",
            "delete from notification where recipient_id = $1",
            "delete from notification_setting where person_id = $1",
            "delete from person_block where blocker_id = $1 or blocked_id = $1",
            "delete from person_domain_block where person_id = $1",
            "delete from data_export where person_id = $1 and media_id is null",
            "update data_export set expires_at = now() where person_id = $1 and expires_at > now()",
            "update person set display_name = username, display_name_chosen = false, summary = null,"
                    + " summary_html = null, icon_url = null, banner_url = null, icon_id = null, banner_id = null,"
                    + " deleted_at = now(), updated_at = now() where id = $1",
            "update account set email = null, email_verified = false, roles = '{}', deleted_at = now(),"
                    + " updated_at = now() where person_id = $1");

    private final Sql sql;
    private final AccountService accounts;
    private final Farewell farewell;

    AccountDeletion(Sql sql, AccountService accounts, Farewell farewell) {
        this.sql = sql;
        this.accounts = accounts;
        this.farewell = farewell;
    }

    public Uni<Boolean> deleteCaller(boolean keepContent) {
        return accounts.requireViewer().chain(v -> delete(v.requirePersonId(), keepContent));
    }

    private Uni<Boolean> delete(UUID person, boolean keepContent) {
        return sql.transaction(tx -> tx.one(
                                "select p.ap_id from person p join account a on a.person_id = p.id where p.id = $1"
                                        + " and a.deleted_at is null for update of a, p",
                                r -> r.getString("ap_id"),
                                person)
                        .chain(apId -> {
                            if (apId == null) {
                                throw DomainException.notFound("account");
                            }
                            return owned(tx, person)
                                    .chain(() -> farewell.send(tx, person, apId, !keepContent))
                                    .chain(() -> keepContent
                                            ? Uni.createFrom().item(0)
                                            : tx.run(ContentDeletion.BY_AUTHOR, person))
                                    .chain(() -> cut(tx, person, 0));
                        }))
                .invoke(() -> LOG.infof(
                        "Deleted the account of person %s (content %s)", person, keepContent ? "kept" : "deleted"))
                .replaceWith(true);
    }

    /** An owner hands their communities on (or deletes them) first: deleting them here would surprise their members. */
    private static Uni<Void> owned(Sql tx, UUID person) {
        return tx.one(
                        "select string_agg(m.name, ', ' order by m.name) names from membership s"
                                + " join community m on m.id = s.community_id where s.person_id = $1"
                                + " and s.role = 'OWNER' and m.deleted_at is null",
                        r -> r.getString("names"),
                        person)
                .invoke(names -> {
                    if (names != null) {
                        throw new DomainException(
                                ErrorCode.CONFLICT,
                                "you own these communities: " + names
                                        + "; transfer them (transferCommunity) or delete them (deleteObject) first");
                    }
                })
                .replaceWithVoid();
    }

    private static Uni<Void> cut(Sql tx, UUID person, int step) {
        if (step == TIES.size()) {
            return Uni.createFrom().voidItem();
        }
        return tx.run(TIES.get(step), person).chain(() -> cut(tx, person, step + 1));
    }
}
