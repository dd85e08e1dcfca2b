package org.lyceum.job;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lyceum.database.Sql;

@ApplicationScoped
public class JobQueries {

    private final Sql sql;
    private final Jobs jobs;

    JobQueries(Sql sql, Jobs jobs) {
        this.sql = sql;
        this.jobs = jobs;
    }

    /** Every job registered here or recorded anywhere in the cluster, with its latest run. */
    public Uni<List<JobView>> all() {
        return sql.list(
                        "select distinct on (r.name) r.*, count(*) over (partition by r.name) as runs"
                                + " from job_run r order by r.name, r.id desc",
                        r -> Map.entry(
                                r.getString("name"),
                                new Latest(JobRunView.from(r), r.getLong("runs").intValue())))
                .map(rows -> {
                    Map<String, Latest> latest = new HashMap<>();
                    rows.forEach(e -> latest.put(e.getKey(), e.getValue()));
                    List<JobView> out = new ArrayList<>();
                    for (JobSpec spec : jobs.registered()) {
                        Latest run = latest.remove(spec.name());
                        out.add(new JobView(
                                spec.name(),
                                spec.cron() != null ? spec.cron() : "every " + spec.every(),
                                spec.singleton(),
                                run == null ? null : run.run(),
                                run == null ? 0 : run.runs()));
                    }
                    latest.forEach((name, run) -> out.add(new JobView(name, null, true, run.run(), run.runs())));
                    out.sort(Comparator.comparing(JobView::name));
                    return out;
                });
    }

    private record Latest(JobRunView run, int runs) {}
}
