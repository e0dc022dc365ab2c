package dev.skirmish.lobby.config;

import java.time.Duration;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs a periodic job on one node at a time. One lobby process: the job just runs. Profile {@code cluster}: ShedLock
 * holds the job's row of the {@code shedlock} table (PostgreSQL's clock, so nodes' clocks need not agree) while it
 * runs, and a node that finds it held skips that run; a node that dies holding it frees it after {@code atMostFor}.
 */
public interface OncePerCluster {
    /** Runs {@code job} unless another node is running the job {@code name}; {@code atMostFor} bounds a dead node's hold. */
    void run(String name, Duration atMostFor, Runnable job);

    @Configuration
    class Beans {
        @Bean
        @Profile("!cluster")
        OncePerCluster localJobs() {
            return (name, atMostFor, job) -> job.run();
        }

        @Bean
        @Profile("cluster")
        OncePerCluster sharedJobs(DataSource dataSource, java.time.Clock clock) {
            var provider = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                    .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build());
            LockingTaskExecutor executor = new DefaultLockingTaskExecutor(provider);
            return (name, atMostFor, job) -> executor.executeWithLock(job, new LockConfiguration(clock.instant(), name, atMostFor, Duration.ZERO));
        }
    }
}
