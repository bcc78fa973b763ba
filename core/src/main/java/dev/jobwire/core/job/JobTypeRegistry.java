package dev.jobwire.core.job;

import dev.jobwire.core.job.builtin.DemoFailJob;
import dev.jobwire.core.job.builtin.DemoSleepJob;
import dev.jobwire.core.job.builtin.StatsReportJob;
import dev.jobwire.core.model.JobTypes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The job types a deployment runs, by name. Immutable once built. */
public final class JobTypeRegistry {
    private final Map<String, JobHandler> handlers;

    private JobTypeRegistry(Collection<JobHandler> handlers) {
        Map<String, JobHandler> byType = new TreeMap<>();
        for (JobHandler handler : handlers) {
            if (!JobTypes.isValidName(handler.type())) {
                throw new IllegalArgumentException("job type name is not valid: " + handler.type());
            }
            if (byType.putIfAbsent(handler.type(), handler) != null) {
                throw new IllegalArgumentException("job type registered twice: " + handler.type());
            }
        }
        this.handlers = Map.copyOf(byType);
    }

    public static JobTypeRegistry of(JobHandler... handlers) {
        return new JobTypeRegistry(List.of(handlers));
    }

    public static List<JobHandler> builtIns() {
        return List.of(new DemoSleepJob(), new DemoFailJob(), new StatsReportJob());
    }

    /** The built-in types plus every {@link JobHandler} found on the class path by ServiceLoader. */
    public static JobTypeRegistry discover() {
        List<JobHandler> all = new ArrayList<>(builtIns());
        ServiceLoader.load(JobHandler.class).forEach(all::add);
        return new JobTypeRegistry(all);
    }

    public Optional<JobHandler> find(String type) {
        return Optional.ofNullable(handlers.get(type));
    }

    /** Type names, sorted. */
    public List<String> types() {
        return handlers.keySet().stream().sorted().toList();
    }
}
