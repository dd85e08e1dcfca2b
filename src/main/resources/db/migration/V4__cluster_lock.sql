-- Leases of the cluster-wide lock (org.lyceum.lock, backend "postgres"). A row is never deleted:
-- releasing expires it and keeps its token, so tokens stay strictly increasing per name.
create table cluster_lock (
    name       text primary key,
    holder     text,
    token      bigint      not null,
    expires_at timestamptz not null
);
