package io.minigun.examples.guide;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the code of the user guide ({@code docs/guide/*.md}) identical to code that is compiled and tested.
 *
 * <p>In the markdown, a fenced code block preceded (on the line just above its fence) by
 * {@code <!-- snippet: <path from the repository root>#<tag> -->} must equal the region of that file between the
 * lines {@code tag::<tag>[]} and {@code end::<tag>[]} (written in a {@code //}, {@code #} or {@code <!-- -->} comment). Both sides are
 * compared with their indentation normalised (common leading whitespace removed, trailing whitespace and leading or
 * trailing blank lines dropped); marker lines of other tags nested inside a region are left out. The tagged sources
 * are the test classes of this package, which run each snippet and assert its outcome, and
 * {@code src/test/resources/guide/*.yml}, whose {@code minigun.*} keys {@link GuidePropertiesTest} checks.
 *
 * <p>A comment without {@code #<tag>} ({@code <!-- snippet: sample-app/... -->}) marks a verbatim excerpt: the
 * block's lines must appear, consecutively and in order, in that file. It quotes files this package does not own
 * and must not edit (the sample application, compiled and tested by its own module; its {@code pom.xml}), so the
 * guide can show real Spring code although this module depends on the core only.
 *
 * <p>Every {@code java}, {@code yaml}, {@code properties}, {@code xml} or {@code json} block, in fact every block
 * whose language is not {@code shell} or {@code text}, must carry such a comment, so no untested sample can slip in.
 * Shell commands and program output are marked {@code shell} and {@code text}. Relative links between guide pages,
 * and from the guide to files of the repository, must point at files that exist.
 *
 * <p>The repository root is found from the working directory: Maven runs tests with the module as working
 * directory, whose parent is the root.
 */
class GuideSnippetsTest {

    private static final Pattern SNIPPET = Pattern.compile("^\\s*<!--\\s*snippet:\\s*(\\S+?)(?:#(\\S+))?\\s*-->\\s*$");
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\S*)\\s*$");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    private static final List<String> EXEMPT = List.of("shell", "text");
    /** A tag marker sits in a {@code //}, {@code #} or {@code <!-- -->} comment, at the end of its line. */
    private static final String MARK = "(//|#|<!--)\\s*";
    private static final String MARK_END = "\\s*(-->)?\\s*$";

    /** A fenced code block of a guide page. */
    record Block(Path page, int line, String language, String snippet, List<String> lines) {
        String where() {
            return page.getFileName() + ":" + line;
        }
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("minigun-examples")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root above " + dir);
    }

    static List<Path> pages() {
        try (Stream<Path> files = Files.list(root().resolve("docs/guide"))) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        for (Path page : pages()) {
            List<String> lines = read(page);
            for (int i = 0; i < lines.size(); i++) {
                Matcher open = FENCE.matcher(lines.get(i));
                if (!open.matches()) {
                    continue;
                }
                int start = i;
                List<String> body = new ArrayList<>();
                for (i++; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
                    body.add(lines.get(i));
                }
                assertThat(i).as("%s:%d: unclosed code block", page.getFileName(), start + 1).isLessThan(lines.size());
                String snippet = null;
                if (start > 0) {
                    Matcher comment = SNIPPET.matcher(lines.get(start - 1));
                    if (comment.matches()) {
                        snippet = comment.group(1) + (comment.group(2) == null ? "" : "#" + comment.group(2));
                    }
                }
                blocks.add(new Block(page, start + 1, open.group(2), snippet, body));
            }
        }
        return blocks;
    }

    /** Common indentation removed, trailing whitespace and surrounding blank lines dropped. */
    static List<String> normalise(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.replace("\t", "    ").stripTrailing());
        }
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        int indent = out.stream().filter(l -> !l.isEmpty())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return out.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).toList();
    }

    /** The lines between {@code tag::name[]} and {@code end::name[]}, without nested markers; null if absent. */
    static List<String> region(List<String> file, String tag) {
        Pattern begin = Pattern.compile(MARK + "tag::" + Pattern.quote(tag) + "\\[\\]" + MARK_END);
        Pattern end = Pattern.compile(MARK + "end::" + Pattern.quote(tag) + "\\[\\]" + MARK_END);
        for (int i = 0; i < file.size(); i++) {
            if (begin.matcher(file.get(i)).find()) {
                List<String> region = new ArrayList<>();
                for (int j = i + 1; j < file.size(); j++) {
                    if (end.matcher(file.get(j)).find()) {
                        return normalise(region);
                    }
                    if (!Pattern.compile(MARK + "(tag|end)::[\\w-]+\\[\\]" + MARK_END).matcher(file.get(j)).find()) {
                        region.add(file.get(j));
                    }
                }
                throw new AssertionError("tag " + tag + " is never closed with end::" + tag + "[]");
            }
        }
        return null;
    }

    static boolean containsExcerpt(List<String> file, List<String> excerpt) {
        for (int i = 0; i + excerpt.size() <= file.size(); i++) {
            if (normalise(file.subList(i, i + excerpt.size())).equals(excerpt)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theGuideHasPagesAndSnippets() {
        assertThat(pages()).extracting(p -> p.getFileName().toString()).contains("README.md");
        assertThat(blocks()).filteredOn(b -> b.snippet() != null).hasSizeGreaterThan(40);
    }

    @Test
    void everyCodeBlockButShellAndTextIsASnippet() {
        List<String> untested = blocks().stream()
                .filter(b -> b.snippet() == null && !EXEMPT.contains(b.language()))
                .map(b -> b.where() + " (" + (b.language().isEmpty() ? "no language" : b.language()) + ")")
                .toList();
        assertThat(untested).as("code blocks without a <!-- snippet: path#tag --> comment; mark shell commands "
                + "and output as shell or text").isEmpty();
    }

    @Test
    void everySnippetEqualsItsSource() {
        Path root = root();
        List<String> problems = new ArrayList<>();
        for (Block block : blocks()) {
            if (block.snippet() == null) {
                continue;
            }
            String[] ref = block.snippet().split("#", 2);
            Path source = root.resolve(ref[0]);
            if (!Files.isRegularFile(source)) {
                problems.add(block.where() + ": no file " + ref[0]);
                continue;
            }
            List<String> file = read(source);
            List<String> shown = normalise(block.lines());
            if (ref.length == 1) {
                if (!containsExcerpt(file, shown)) {
                    problems.add(block.where() + ": not a verbatim excerpt of " + ref[0]);
                }
                continue;
            }
            List<String> region = region(file, ref[1]);
            if (region == null) {
                problems.add(block.where() + ": no tag::" + ref[1] + "[] in " + ref[0]);
            } else if (!region.equals(shown)) {
                problems.add(block.where() + ": differs from " + block.snippet() + "; the source says:\n"
                        + String.join("\n", region));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void relativeLinksPointAtFilesThatExist() {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            List<String> lines = read(page);
            for (int i = 0; i < lines.size(); i++) {
                Matcher link = LINK.matcher(lines.get(i));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.contains("://") || target.startsWith("mailto:")) {
                        continue;
                    }
                    if (!Files.exists(page.getParent().resolve(target).normalize())) {
                        broken.add(page.getFileName() + ":" + (i + 1) + ": " + target);
                    }
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void regionsAreFoundAndNormalised() {
        List<String> file = List.of("class A {", "    // tag::x[]", "    int a;", "    // tag::y[]",
                "        int b;", "    // end::y[]", "    // end::x[]", "}");
        assertThat(region(file, "x")).containsExactly("int a;", "    int b;");
        assertThat(region(file, "y")).containsExactly("int b;");
        assertThat(region(file, "z")).isNull();
        assertThat(containsExcerpt(file, List.of("int a;", "// tag::y[]"))).isTrue();
        assertThat(containsExcerpt(file, List.of("int b;", "int a;"))).isFalse();
    }
}
