package io.minigun.sample.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the data set to a temporary file and moves it into place only when every record was written, so a run
 * that fails or is cancelled never leaves a truncated data set behind.
 */
final class DataSetWriter {
    private final Path target;
    private final Path temporary;
    private final BufferedWriter writer;
    private long lines;

    DataSetWriter(Path target, String runId) throws IOException {
        this.target = target;
        Files.createDirectories(target.getParent());
        this.temporary = target.resolveSibling(target.getFileName() + "." + runId + ".tmp");
        this.writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
        writer.write(OrderDataSet.HEADER);
        writer.newLine();
    }

    void write(String line) throws IOException {
        writer.write(line);
        writer.newLine();
        lines++;
    }

    /** Closes the file; moves it into place when it holds {@code expected} records, else deletes it. */
    boolean finish(long expected) throws IOException {
        writer.close();
        if (lines != expected) {
            Files.deleteIfExists(temporary);
            return false;
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }
}
