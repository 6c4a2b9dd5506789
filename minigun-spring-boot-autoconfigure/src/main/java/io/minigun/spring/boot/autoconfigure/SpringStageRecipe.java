package io.minigun.spring.boot.autoconfigure;

import io.minigun.execution.PipelineExecutor;
import io.minigun.process.StageRecipe;
import io.minigun.process.WorkerStage;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;

/**
 * How a worker JVM obtains a stage of a Spring application's pipeline: it starts the same application, without a
 * web server and in worker mode (no run-on-startup, no progress lines), and takes the stage from the pipeline its
 * own {@link PipelineExecutor} registered, so stage beans get their injected dependencies in the worker too.
 *
 * @param applicationClass the {@code @SpringBootApplication} class
 * @param pipeline         the pipeline name
 * @param stage            the stage name
 * @param packages         the application's packages, admitted by the default codec
 */
public record SpringStageRecipe(String applicationClass, String pipeline, String stage, List<String> packages)
        implements StageRecipe {
    private static final long serialVersionUID = 1L;
    private static ConfigurableApplicationContext context;

    public SpringStageRecipe {
        packages = List.copyOf(packages);
    }

    @Override
    public WorkerStage create() throws Exception {
        try {
            return applicationContext().getBean(PipelineExecutor.class).pipeline(pipeline).workerStage(stage);
        } catch (IllegalArgumentException notThere) {
            throw new IllegalStateException("the application's pipeline '" + pipeline + "' has no stage '" + stage
                    + "' in this worker; do the parent and the worker run the same application and configuration?",
                    notThere);
        }
    }

    private synchronized ConfigurableApplicationContext applicationContext() throws ClassNotFoundException {
        if (context == null) {
            SpringApplication application = new SpringApplication(Class.forName(applicationClass));
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setBannerMode(Banner.Mode.OFF);
            // a worker needs only its stages and what they use: every other bean stays uncreated, so the worker
            // starts faster and opens nothing it does not need (spring.main.lazy-initialization=false overrides it)
            application.setLazyInitialization(true);
            context = application.run();
        }
        return context;
    }
}
