package org.lyceum.federation.policy;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.AccountService;
import org.lyceum.database.Sql;
import org.lyceum.moderation.ModAction;
import org.lyceum.moderation.Modlog;
import org.lyceum.moderation.ModlogEntry;

/** Instance policy towards other servers; instance admins only. */
@GraphQLApi
public class PolicyGraphQL {

    private static final String COLUMNS =
            "domain, severity, reject_media, reject_reports, public_comment, obfuscate, created_at";
    private static final String UPSERT =
            "insert into domain_block (domain, severity, reject_media, reject_reports, public_comment, obfuscate)"
                    + " values ($1, $2, $3, $4, $5, $6) on conflict (domain) do update set severity = excluded.severity,"
                    + " reject_media = excluded.reject_media, reject_reports = excluded.reject_reports,"
                    + " public_comment = excluded.public_comment, obfuscate = excluded.obfuscate";

    private final AccountService accounts;
    private final Sql sql;
    private final DomainPolicy policy;
    private final Modlog modlog;

    PolicyGraphQL(AccountService accounts, Sql sql, DomainPolicy policy, Modlog modlog) {
        this.modlog = modlog;
        this.accounts = accounts;
        this.sql = sql;
        this.policy = policy;
    }

    @Query("domainBlocks")
    @Description("Domains this instance limits or refuses. Instance admins only.")
    public Uni<@NonNull List<@NonNull DomainBlockView>> domainBlocks() {
        return accounts.requireAdmin().chain(() -> blocks());
    }

    @Query("domainAllows")
    @Description("Domains federated with in allowlist mode. Instance admins only.")
    public Uni<@NonNull List<@NonNull String>> domainAllows() {
        return accounts.requireAdmin()
                .chain(() -> sql.list("select domain from domain_allow order by domain", r -> r.getString("domain")));
    }

    @Query("exportDomainBlocks")
    @Description("The domain blocks as Mastodon's CSV. Instance admins only.")
    public Uni<@NonNull String> exportDomainBlocks() {
        return accounts.requireAdmin().chain(() -> blocks()).map(DomainBlockCsv::format);
    }

    @Mutation("blockDomain")
    @Description("Blocks (or changes the block of) a domain and its subdomains. Instance admins only.")
    public Uni<@NonNull DomainBlockView> blockDomain(@Name("input") @NonNull PolicyInputs.Block in) {
        String domain = DomainBlockCsv.domain(in.domain(), "domain", "");
        boolean obfuscate = Boolean.TRUE.equals(in.obfuscate());
        return accounts.requireAdmin()
                .chain(v -> sql.transaction(tx -> tx.run(
                                UPSERT,
                                domain,
                                in.severity().name(),
                                Boolean.TRUE.equals(in.rejectMedia()),
                                Boolean.TRUE.equals(in.rejectReports()),
                                blankToNull(in.publicComment()),
                                obfuscate)
                        .chain(() -> modlog.record(
                                tx,
                                domainEntry(
                                        ModAction.DOMAIN_BLOCK,
                                        v.personId(),
                                        domain,
                                        obfuscate,
                                        blankToNull(in.publicComment()))))))
                .chain(policy::reload)
                .chain(() -> sql.one(
                        "select " + COLUMNS + " from domain_block where domain = $1", DomainBlockView::from, domain));
    }

    @Mutation("unblockDomain")
    @Description("True when there was a block to lift. Instance admins only.")
    public Uni<@NonNull Boolean> unblockDomain(@Name("input") @NonNull PolicyInputs.Domain in) {
        String domain = DomainBlockCsv.domain(in.domain(), "domain", "");
        return accounts.requireAdmin()
                .chain(v -> sql.transaction(tx -> tx.one(
                                "delete from domain_block where domain = $1 returning obfuscate",
                                r -> r.getBoolean("obfuscate"),
                                domain)
                        .chain(obfuscated -> obfuscated == null
                                ? Uni.createFrom().item(false)
                                : modlog.record(
                                                tx,
                                                domainEntry(
                                                        ModAction.DOMAIN_UNBLOCK,
                                                        v.personId(),
                                                        domain,
                                                        obfuscated,
                                                        null))
                                        .replaceWith(true))))
                .call(policy::reload);
    }

    /** An instance-log entry of a domain (un)block, the domain as Mastodon shows it publicly. */
    private static ModlogEntry domainEntry(
            ModAction action,
            java.util.@Nullable UUID moderatorId,
            String domain,
            boolean obfuscate,
            @Nullable String reason) {
        return new ModlogEntry(
                action,
                moderatorId,
                null,
                null,
                null,
                null,
                null,
                obfuscate ? DomainBlockCsv.obfuscated(domain) : domain,
                reason,
                null,
                null);
    }

    @Mutation("allowDomain")
    @Description("Adds a domain to the allowlist (used in allowlist mode). Instance admins only.")
    public Uni<@NonNull Boolean> allowDomain(@Name("input") @NonNull PolicyInputs.Domain in) {
        String domain = DomainBlockCsv.domain(in.domain(), "domain", "");
        return accounts.requireAdmin()
                .chain(() -> sql.run("insert into domain_allow (domain) values ($1) on conflict do nothing", domain))
                .call(policy::reload)
                .map(n -> n > 0);
    }

    @Mutation("disallowDomain")
    @Description("Removes a domain from the allowlist. Instance admins only.")
    public Uni<@NonNull Boolean> disallowDomain(@Name("input") @NonNull PolicyInputs.Domain in) {
        String domain = DomainBlockCsv.domain(in.domain(), "domain", "");
        return accounts.requireAdmin()
                .chain(() -> sql.run("delete from domain_allow where domain = $1", domain))
                .call(policy::reload)
                .map(n -> n > 0);
    }

    @Mutation("importDomainBlocks")
    @Description("Adds or updates the blocks of a Mastodon domain block CSV, all or none; the number of lines imported."
            + " Instance admins only.")
    public Uni<@NonNull Integer> importDomainBlocks(@Name("input") @NonNull PolicyInputs.Import in) {
        return accounts.requireAdmin().chain(() -> {
            List<DomainBlockCsv.Entry> entries = DomainBlockCsv.parse(in.csv());
            return sql.transaction(tx -> Multi.createFrom()
                            .iterable(entries)
                            .onItem()
                            .transformToUniAndConcatenate(e -> tx.run(
                                    UPSERT,
                                    e.domain(),
                                    e.severity().name(),
                                    e.rejectMedia(),
                                    e.rejectReports(),
                                    e.publicComment(),
                                    e.obfuscate()))
                            .collect()
                            .asList())
                    .call(policy::reload)
                    .map(List::size);
        });
    }

    private Uni<List<DomainBlockView>> blocks() {
        return sql.list("select " + COLUMNS + " from domain_block order by domain", DomainBlockView::from);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
