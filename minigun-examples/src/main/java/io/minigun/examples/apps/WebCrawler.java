package io.minigun.examples.apps;

import io.minigun.ContextType;
import io.minigun.Minigun;
import io.minigun.Output;
import io.minigun.examples.Examples;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ruby {@code 10_web_crawler.rb}, over a simulated web (no network): fetch pages on a pool of threads, skipping
 * URLs already fetched at the same depth or a shallower one; extract each page's links; process the pages. Links
 * found are crawled too, by routing them back to fetch by name, up to a depth. A page first reached by a longer path
 * (another thread got there first) is fetched again when a shorter path reaches it, so which pages the crawl finds
 * does not depend on which thread is faster; each page is reported once.
 */
public final class WebCrawler {

    private WebCrawler() {
    }

    /** The simulated web: URL → HTML. */
    static final Map<String, String> WEB = Map.of(
            "https://example.com/", page("Home", "https://example.com/about", "https://example.com/blog"),
            "https://example.com/about", page("About", "https://example.com/"),
            "https://example.com/blog", page("Blog", "https://example.com/blog/1", "https://example.com/blog/2"),
            "https://example.com/blog/1", page("Post 1", "https://example.com/blog"),
            "https://example.com/blog/2", page("Post 2", "https://example.com/missing"),
            "https://docs.example.com/", page("Docs", "https://example.com/"));

    static final List<String> SEEDS = List.of("https://example.com/", "https://docs.example.com/");

    public record Link(String url, int depth) {
    }

    public record Page(String url, String title, String content, int depth) {
    }

    public record Processed(String url, String title, int links) {
    }

    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>");
    private static final Pattern HREF = Pattern.compile("href=\"(.*?)\"");

    static String page(String title, String... links) {
        StringBuilder html = new StringBuilder("<html><title>" + title + "</title><body>");
        for (String link : links) {
            html.append("<a href=\"").append(link).append("\">").append(link).append("</a>");
        }
        return html.append("</body></html>").toString();
    }

    /** What the crawl processed, sorted by URL, and the URLs it could not fetch. */
    public record Outcome(List<Processed> pages, Set<String> notFound) {
    }

    public static Outcome run(int maxDepth) {
        Map<String, Integer> shallowest = new ConcurrentHashMap<>();
        Set<String> notFound = ConcurrentHashMap.newKeySet();
        List<Processed> pages = Examples.collect(collect -> Minigun.pipeline("crawler")
                .producer("seed", () -> SEEDS.stream().map(url -> new Link(url, 0)).toList())
                .processor("fetch", (Link link, Output<Page> out) -> {
                    boolean[] shallower = {false};
                    shallowest.compute(link.url(), (url, depth) -> {
                        shallower[0] = depth == null || link.depth() < depth;
                        return shallower[0] ? link.depth() : depth;
                    });
                    if (!shallower[0]) {
                        return;   // already fetched at this depth or a shallower one
                    }
                    String html = WEB.get(link.url());
                    if (html == null) {
                        notFound.add(link.url());
                        return;
                    }
                    Matcher title = TITLE.matcher(html);
                    out.emit(new Page(link.url(), title.find() ? title.group(1) : "", html, link.depth()));
                }, s -> s.concurrency(ContextType.THREAD).threads(20))
                .processor("extract_links", (Page page, Output<Processed> out) -> {
                    Matcher href = HREF.matcher(page.content());
                    int links = 0;
                    while (href.find()) {
                        links++;
                        if (page.depth() < maxDepth) {
                            out.<Link>to("fetch").emit(new Link(href.group(1), page.depth() + 1));
                        }
                    }
                    out.emit(new Processed(page.url(), page.title(), links));
                })
                .consumer("process", collect));
        Map<String, Processed> byUrl = new TreeMap<>();
        pages.forEach(page -> byUrl.putIfAbsent(page.url(), page));
        return new Outcome(List.copyOf(byUrl.values()), Set.copyOf(notFound));
    }

    public static void main(String[] args) {
        Outcome o = run(2);
        o.pages().forEach(p -> System.out.println(p.url() + " \"" + p.title() + "\" (" + p.links() + " links)"));
        System.out.println("Not found: " + o.notFound());
    }
}
