-- Live updates (org.lyceum.live): every new CREATE activity row (what commentAdded and
-- communityFeedAdded show; other verbs are not announced) is announced on channel lyceum_live as
-- 'activity:<seq>', ids only. NOTIFY is delivered when the inserting transaction commits, so a
-- subscriber never hears of a row it cannot read yet; every instance LISTENs on one connection.
create function live_activity_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('lyceum_live', 'activity:' || new.seq);
    return null;
end
$$;

create trigger activity_live after insert on activity
    for each row when (new.verb = 'CREATE') execute function live_activity_notify();
