package org.lyceum.job;

import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.lock.ClusterLock;
import org.lyceum.lock.Lease;
import org.lyceum.lock.LockLostException;
import org.lyceum.observability.Telemetry;

/**
 * Runs jobs. Features register their {@link JobSpec}s at startup; triggers come from the Quarkus
 * scheduler, which alone would run a job on every instance (quarkus#14924), so a singleton job
 * first takes the cluster lock and records the run with its token in job_run.
 */
@ApplicationScoped
public class Jobs {

    private static final Logger LOG = Logger.getLogger(Jobs.class);

    private final ClusterLock lock;
    private final Scheduler scheduler;
    private final JobConfig config;
    private final Sql sql;
    private final Fence fence;
    private final Map<String, JobSpec> specs = new ConcurrentHashMap<>();
    /** Stands in for tokens when the lock is switched off; only job_run shows it. */
    private final AtomicLong unlockedRuns = new AtomicLong();

    private volatile boolean stopping;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    private final Telemetry telemetry;

    Jobs(ClusterLock lock, Scheduler scheduler, JobConfig config, Sql sql, Fence fence, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.lock = lock;
        this.scheduler = scheduler;
        this.config = config;
        this.sql = sql;
        this.fence = fence;
    }

    /** Registers the job and, unless triggers are off here, schedules it. */
    public void register(JobSpec spec) {
        if (specs.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalStateException("job registered twice: " + spec.name());
        }
        if (!config.enabled()) {
            return;
        }
        var definition = scheduler
                .newJob(spec.name())
                .setConcurrentExecution(ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> runNow(spec.name()).replaceWithVoid());
        (spec.cron() != null ? definition.setCron(spec.cron()) : definition.setInterval(spec.every())).schedule();
    }

    /** The jobs this instance knows. */
    public java.util.Collection<JobSpec> registered() {
        return java.util.List.copyOf(specs.values());
    }

    /**
     * Runs the job once, now: a singleton only if its lock is free (empty otherwise). Failures are
     * logged and recorded, not thrown, because the next trigger tries again. Once the instance is
     * stopping no run starts (empty), and shutdown waits for the runs going, kicked ones included.
     */
    public Uni<Optional<JobOutcome>> runNow(String name) {
        return Uni.createFrom().deferred(() -> {
            // Counted before stopping is read, so stop() either sees this run or this run sees stopping.
            inFlight.incrementAndGet();
            Uni<Optional<JobOutcome>> run;
            try {
                run = stopping ? Uni.createFrom().item(Optional.<JobOutcome>empty()) : measured(name);
            } catch (RuntimeException e) {
                inFlight.decrementAndGet();
                throw e;
            }
            return run.onTermination().invoke(inFlight::decrementAndGet);
        });
    }

    /** A span per run, and lyceum_job_runs_total by job and outcome (SKIPPED: the lock was busy). */
    private Uni<Optional<JobOutcome>> measured(String name) {
        if (!specs.containsKey(name)) {
            return start(name); // fails: no such job, and no unbounded label for it
        }
        return Telemetry.traced(
                telemetry.span("job " + name, SpanKind.INTERNAL).setAttribute(Telemetry.JOB, name),
                span -> start(name).invoke(outcome -> {
                    String label = outcome.map(Enum::name).orElse("SKIPPED");
                    span.setAttribute(Telemetry.OUTCOME, label);
                    telemetry
                            .registry()
                            .counter("lyceum.job.runs", "job", name, "outcome", label)
                            .increment();
                }));
    }

    private Uni<Optional<JobOutcome>> start(String name) {
        JobSpec spec = specs.get(name);
        if (spec == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("no job " + name));
        }
        if (!spec.singleton()) {
            Lease none = new Lease(spec.lockName(), lock.holder(), 0, Instant.MAX);
            return spec.work()
                    .apply(new JobContext(none, fenceName(spec), false, config.lock(), sql, fence, this::stopping))
                    .map(detail -> Optional.of(JobOutcome.SUCCEEDED))
                    .onFailure()
                    .recoverWithItem(e -> {
                        LOG.warnf(e, "Job %s failed", name);
                        return Optional.of(JobOutcome.FAILED);
                    });
        }
        if (!config.lock()) {
            Lease unlocked = new Lease(spec.lockName(), lock.holder(), unlockedRuns.incrementAndGet(), Instant.MAX);
            return recorded(spec, unlocked, false).map(Optional::of);
        }
        return lock.withLock(spec.lockName(), config.lease(), lease -> recorded(spec, lease, true))
                .onFailure(LockLostException.class)
                .recoverWithItem(Optional.of(JobOutcome.LOCK_LOST));
    }

    private Uni<JobOutcome> recorded(JobSpec spec, Lease lease, boolean locked) {
        // Under the lock no other run of this job is alive, so a run still marked RUNNING lost its instance.
        Uni<Integer> abandoned = locked
                ? sql.run(
                        "update job_run set outcome = 'LOCK_LOST', finished_at = now(),"
                                + " detail = 'its instance stopped during the run' where name = $1 and outcome = 'RUNNING'",
                        spec.name())
                : Uni.createFrom().item(0);
        return abandoned
                .chain(() -> sql.one(
                        "insert into job_run (name, holder, token) values ($1, $2, $3) returning id",
                        r -> r.getLong(0),
                        spec.name(),
                        lease.holder(),
                        lease.token()))
                .chain(run -> spec.work()
                        .apply(new JobContext(
                                lease, fenceName(spec), locked, config.lock(), sql, fence, this::stopping))
                        .map(detail -> new Result(JobOutcome.SUCCEEDED, detail))
                        .onFailure()
                        .recoverWithItem(Jobs::failed)
                        .onCancellation()
                        .call(() -> finish(
                                run, spec, new Result(JobOutcome.LOCK_LOST, "lease renewal failed; run cancelled")))
                        .call(result -> finish(run, spec, result))
                        .map(Result::outcome));
    }

    /** Tokens of different lock backends are not comparable, so each backend has its own fence. */
    private String fenceName(JobSpec spec) {
        return lock.backendName() + ":" + spec.lockName();
    }

    private static Result failed(Throwable e) {
        if (e instanceof StaleTokenException) {
            LOG.warn(e.getMessage());
            return new Result(JobOutcome.FENCED, e.getMessage());
        }
        LOG.warn("Job failed", e);
        return new Result(JobOutcome.FAILED, String.valueOf(e.getMessage()));
    }

    private Uni<Void> finish(long run, JobSpec spec, Result result) {
        return sql.run(
                        "update job_run set finished_at = now(), outcome = $2, detail = $3 where id = $1",
                        run,
                        result.outcome().name(),
                        result.detail())
                .chain(() -> sql.run(
                        "delete from job_run where name = $1 and started_at < now() - $2 * interval '1 millisecond'",
                        spec.name(),
                        config.history().toMillis()))
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> LOG.warnf(e, "Could not record the end of job run %d", run))
                .onFailure()
                .recoverWithNull();
    }

    /**
     * No new runs, and the runs in flight get a grace period to finish: a digest the SMTP server
     * accepted should be marked sent before the process goes, or it would be sent again.
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (inFlight.get() > 0) {
            LOG.warnf("%d job runs were still going at shutdown", inFlight.get());
        }
    }

    /** True once this instance is shutting down; long runs stop taking new work. */
    public boolean stopping() {
        return stopping;
    }

    private record Result(JobOutcome outcome, @Nullable String detail) {}
}
