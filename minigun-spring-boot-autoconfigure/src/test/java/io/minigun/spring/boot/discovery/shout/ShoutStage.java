package io.minigun.spring.boot.discovery.shout;

import io.minigun.MapFunction;
import io.minigun.annotation.Processor;

import java.util.Locale;

/** A standalone stage class in a package of its own: joins "letters" when its package is scanned. */
@Processor(pipeline = "letters", name = "shout", from = "letters", to = "collect")
public class ShoutStage implements MapFunction<String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String apply(String letter) {
        return letter.toUpperCase(Locale.ROOT);
    }
}
