package org.lyceum.job;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.lyceum.database.Sql;

@ApplicationScoped
public class JobQueries {

    private final Sql sql;

    JobQueries(Sql sql) {
        this.sql = sql;
    }

    /** The latest run of every job that ran within the kept history. */
    public Uni<List<JobView>> latest() {
        return sql.list("select distinct on (r.name) r.*, count(*) over (partition by r.name) as runs"
                + " from job_run r order by r.name, r.id desc", JobView::from);
    }
}
