package io.minigun.spring.boot.discovery.external;

import io.minigun.spring.boot.autoconfigure.MinigunPipelineScan;
import org.springframework.context.annotation.Configuration;

/** Scans its own package, as {@code @MinigunPipelineScan} does without attributes. */
@Configuration(proxyBeanMethods = false)
@MinigunPipelineScan
public class ExternalPipelinesConfiguration {
}
