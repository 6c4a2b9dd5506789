package io.minigun.liveview;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application for the live view's browser tests, with one slow pipeline ({@link SlowImportPipeline}). Its
 * package is apart from the sample's, so that neither application sees the other's pipelines; it is started with
 * {@code spring.config.name=liveview}, so the sample's {@code application.yml} does not apply to it.
 */
@SpringBootApplication
public class LiveViewApplication {
}
