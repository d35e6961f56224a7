package dev.continuum.examples.blog;

import dev.continuum.Operation;
import dev.continuum.UndoSteps;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.examples.blog.history.PostHistory;
import dev.continuum.examples.blog.post.Post;
import dev.continuum.examples.blog.post.PostRepository;
import dev.continuum.examples.blog.testing.Browser;
import dev.continuum.examples.blog.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example blog driven in a real headless Chromium as its users drive it: they sign in, write,
 * edit as two users, read the history, compare, restore, undo and redo, delete and restore, travel
 * in time; each test checks what the pages show and, through {@link VersionHistory}, what the
 * database holds. Runs on H2 and on PostgreSQL (see {@link TestDatabase}) and saves screenshots of
 * the main pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(Browser.Available.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlogBrowserTest {

    private static final AtomicInteger NEXT = new AtomicInteger();

    @LocalServerPort
    private int port;
    @Autowired
    private VersionHistory history;
    @Autowired
    private PostRepository posts;
    @Autowired
    private TransactionTemplate transactions;

    private Browser browser;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.current().properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeAll
    void startBrowser() throws IOException {
        browser = Browser.start("http://127.0.0.1:" + port);
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signInAsAlice() {
        browser.resize(Browser.DESKTOP);
        browser.signIn("alice");
    }

    /** A title no other post of this run has. */
    private static String title(String text) {
        return text + " " + NEXT.incrementAndGet();
    }

    /** Writes a post through the form; returns its id, read from the page it lands on. */
    private long write(String title, String body, String... tags) {
        browser.open("/posts/new");
        browser.type(By.id("title"), title);
        browser.type(By.id("body"), body);
        for (String tag : tags) {
            tag(tag).click();
        }
        browser.clickAndWait(By.id("save"));
        String url = browser.driver().getCurrentUrl();
        return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
    }

    private WebElement tag(String name) {
        return browser.find(By.xpath("//fieldset[legend='Tags']//label[span[normalize-space()='" + name + "']]/input"));
    }

    private void openEdit(long id) {
        browser.open("/posts/" + id + "/edit");
    }

    private void save() {
        browser.clickAndWait(By.id("save"));
    }

    private void clickButton(long id, String button) {
        browser.open("/posts/" + id);
        browser.clickAndWait(By.id(button));
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private List<String> users(long id) {
        return inTransaction(() -> history.versions(Post.class, id).stream()
                .map(version -> version.transaction().userId().orElse("-")).toList());
    }

    private List<Operation> operations(long id) {
        return inTransaction(() -> history.versions(Post.class, id).stream().map(Version::operation).toList());
    }

    private String liveTitle(long id) {
        return inTransaction(() -> posts.findById(id).map(Post::getTitle).orElse("(deleted)"));
    }

    private List<String> texts(By by) {
        return browser.driver().findElements(by).stream().map(WebElement::getText).toList();
    }

    private long horizontalOverflow() {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        return (Long) js.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    }

    @Test
    void aSignedInWriterCreatesAPostWhoseFirstVersionNamesThem() {
        String title = title("First steps");

        long id = write(title, "Hello history.", "java", "history");

        assertThat(browser.text(By.id("post-title"))).isEqualTo(title);
        assertThat(browser.text(By.id("post-tags"))).contains("java", "history");
        assertThat(browser.text(By.id("last-user"))).isEqualTo("alice");
        assertThat(users(id)).containsExactly("alice");
        browser.screenshot("post");
        browser.open("/posts");
        browser.screenshot("posts");
    }

    @Test
    void editsOfTwoWritersAreListedInTheHistoryWithWhoAndWhatChanged() {
        String title = title("Two writers");
        long id = write(title, "Draft one.", "java");
        openEdit(id);
        browser.type(By.id("title"), title + " (edited)");
        save();
        browser.signIn("bob");
        openEdit(id);
        browser.type(By.id("body"), "Draft two, by Bob.");
        browser.type(By.id("newComment"), "I rewrote the text.");
        save();

        browser.open("/posts/" + id + "/history");

        assertThat(browser.text(By.cssSelector("#version-3 .user"))).isEqualTo("bob");
        assertThat(browser.text(By.cssSelector("#version-3 .changes"))).isEqualTo("body, comments");
        assertThat(browser.text(By.cssSelector("#version-2 .user"))).isEqualTo("alice");
        assertThat(browser.text(By.cssSelector("#version-2 .changes"))).isEqualTo("title");
        assertThat(browser.text(By.cssSelector("#version-1 .changes"))).isEqualTo("created");
        assertThat(users(id)).containsExactly("alice", "alice", "bob");
        browser.screenshot("history");
    }

    @Test
    void comparingTwoVersionsMarksTheWordsRemovedAndAdded() {
        long id = write(title("Foxes"), "The quick brown fox jumps over the dog.");
        openEdit(id);
        browser.type(By.id("body"), "The quick red fox leaps over the dog.");
        save();
        browser.open("/posts/" + id + "/history");

        browser.find(By.cssSelector("#version-1 input[name=from]")).click();
        browser.find(By.cssSelector("#version-2 input[name=to]")).click();
        browser.clickAndWait(By.id("compare-button"));

        assertThat(texts(By.cssSelector("#body-diff del"))).containsExactly("brown", "jumps");
        assertThat(texts(By.cssSelector("#body-diff ins"))).containsExactly("red", "leaps");
        assertThat(browser.text(By.id("body-diff"))).contains("The quick", "fox", "over the dog.");
        browser.screenshot("compare");
    }

    @Test
    void restoringTheFirstVersionBringsBackItsTextTagsAndComments() {
        String title = title("Restore me");
        long id = write(title, "The first text.", "java");
        openEdit(id);
        browser.type(By.id("title"), title + " (changed)");
        browser.type(By.id("body"), "A second text.");
        tag("java").click();
        tag("spring").click();
        browser.type(By.id("newComment"), "A comment of the second version.");
        save();
        browser.open("/posts/" + id + "/history");

        browser.clickAndWait(By.id("restore-1"));

        assertThat(browser.text(By.id("post-title"))).isEqualTo(title);
        assertThat(browser.text(By.id("post-body"))).isEqualTo("The first text.");
        assertThat(browser.text(By.id("post-tags"))).isEqualTo("java");
        assertThat(browser.text(By.id("comments-title"))).isEqualTo("0 comments");
        List<Operation> operations = operations(id);
        assertThat(operations).containsExactly(Operation.INSERT, Operation.UPDATE, Operation.UPDATE);
        assertThat(liveTitle(id)).isEqualTo(title);
    }

    @Test
    void undoTakesBackAWholeEditOfThePostItsTagsAndCommentsAndRedoMakesItAgain() {
        String title = title("Undo me");
        long id = write(title, "Before.", "java");
        browser.open("/posts/" + id);
        browser.type(By.id("comment-text"), "A first comment.");
        browser.clickAndWait(By.cssSelector("#comments button[type=submit]"));
        browser.signIn("bob");
        openEdit(id);
        browser.type(By.id("title"), title + " by Bob");
        tag("web").click();
        browser.type(By.name("comments[0].text"), "A first comment, edited by Bob.");
        browser.type(By.id("newComment"), "Bob's own comment.");
        save();
        assertThat(browser.text(By.id("undo"))).isEqualTo("Undo 2");

        clickButton(id, "undo");

        assertThat(browser.text(By.id("flash"))).startsWith("Undid the change by bob of");
        assertThat(browser.text(By.id("post-title"))).isEqualTo(title);
        assertThat(browser.text(By.id("post-tags"))).isEqualTo("java");
        assertThat(browser.text(By.id("comments"))).contains("A first comment.").doesNotContain("Bob's own comment.");
        assertThat(browser.text(By.id("redo"))).isEqualTo("Redo 1");
        browser.screenshot("post-after-undo");

        clickButton(id, "redo");

        assertThat(browser.text(By.id("post-title"))).isEqualTo(title + " by Bob");
        assertThat(browser.text(By.id("post-tags"))).contains("java", "web");
        assertThat(browser.text(By.id("comments"))).contains("A first comment, edited by Bob.", "Bob's own comment.");
        assertThat(browser.find(By.id("redo")).isEnabled()).isFalse();
        UndoSteps steps = inTransaction(() -> history.undoSteps(PostHistory.scope(id)));
        assertThat(steps).isEqualTo(new UndoSteps(2, 0));
        assertThat(users(id)).containsExactly("alice", "bob", "bob", "bob");
    }

    @Test
    void aDeletedPostIsRestoredFromTheDeletedPostsPageWithItsComments() {
        String title = title("Delete me");
        long id = write(title, "Soon gone.", "history");
        browser.open("/posts/" + id);
        browser.type(By.id("comment-text"), "Keep this comment.");
        browser.clickAndWait(By.cssSelector("#comments button[type=submit]"));

        clickButton(id, "delete");
        assertThat(browser.text(By.id("posts"))).doesNotContain(title);
        browser.open("/deleted");
        assertThat(browser.text(By.id("deleted-" + id))).contains(title, "deleted by alice");
        browser.screenshot("deleted");
        browser.clickAndWait(By.id("restore-deleted-" + id));

        assertThat(browser.text(By.id("post-title"))).isEqualTo(title);
        assertThat(browser.text(By.id("comments"))).contains("Keep this comment.");
        List<Operation> operations = operations(id);
        assertThat(operations).endsWith(Operation.DELETE, Operation.INSERT);
        assertThat(liveTitle(id)).isEqualTo(title);
    }

    @Test
    void timeTravelShowsTheBlogAsItWasRightAfterAChange() {
        String title = title("Travel");
        long id = write(title, "As written first.", "web");
        openEdit(id);
        browser.type(By.id("title"), title + " (later)");
        browser.type(By.id("body"), "As changed later.");
        save();
        long created = inTransaction(() -> history.versions(Post.class, id).get(0).transactionId());

        browser.open("/time-travel");
        browser.clickAndWait(By.id("moment-" + created));

        String then = browser.text(By.id("then-" + id));
        assertThat(then).contains(title, "As written first.", "web").doesNotContain("(later)");
        assertThat(browser.text(By.id("then-title"))).contains("#" + created, "alice");
        browser.screenshot("time-travel");
    }

    @Test
    void theActivityPageListsTheLatestChangesWithWhoMadeThem() {
        String title = title("Active");
        long id = write(title, "Text.");
        browser.signIn("carol");
        openEdit(id);
        browser.type(By.id("body"), "Text, by Carol.");
        save();
        long edit = inTransaction(() -> history.versions(Post.class, id).get(1).transactionId());

        browser.open("/activity");

        assertThat(browser.text(By.id("tx-" + edit))).contains("carol", "changed post", title);
        browser.screenshot("activity");
    }

    @Test
    void aVersionThatDoesNotExistShowsAnErrorPageWithoutAStackTrace() {
        long id = write(title("Short history"), "One version only.");

        browser.open("/posts/" + id + "/versions/99");

        assertThat(browser.text(By.cssSelector(".status"))).isEqualTo("404");
        assertThat(browser.text(By.id("error-message"))).isEqualTo("Post " + id + " has no version 99: its versions are 1 to 1.");
        assertThat(browser.driver().getPageSource()).doesNotContain("Exception", "at dev.continuum");
        browser.screenshot("error");
    }

    @Test
    void aRestoreThatWouldBreakTheUniqueTitleIsRefusedWithAMessage() {
        String title = title("Taken");
        long id = write(title, "First.");
        openEdit(id);
        browser.type(By.id("title"), title + " (renamed)");
        save();
        write(title, "Another post takes the old title.");
        browser.open("/posts/" + id + "/history");

        browser.clickAndWait(By.id("restore-1"));

        assertThat(browser.text(By.cssSelector(".status"))).isEqualTo("409");
        assertThat(browser.text(By.id("error-message"))).isEqualTo("Version 1 of post " + id + " cannot be restored: its "
                + "title “" + title + "” belongs to another post now, and titles are unique. Rename that post first, "
                + "then try again.");
        assertThat(browser.driver().getPageSource()).doesNotContain("Exception", "at org.");
        assertThat(liveTitle(id)).isEqualTo(title + " (renamed)");
        assertThat(users(id)).hasSize(2);
    }

    @Test
    void theKeyboardReachesTheUndoButtonAndPressesIt() {
        String title = title("Keys");
        long id = write(title, "Typed.");
        openEdit(id);
        browser.type(By.id("title"), title + " (edited)");
        save();

        WebElement undo = browser.find(By.id("undo"));
        Actions keyboard = new Actions(browser.driver());
        for (int i = 0; i < 30 && !undo.equals(browser.driver().switchTo().activeElement()); i++) {
            keyboard.sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.driver().switchTo().activeElement()).isEqualTo(undo);
        browser.replacedAfter(() -> keyboard.sendKeys(Keys.ENTER).perform());

        assertThat(browser.text(By.id("post-title"))).isEqualTo(title);
    }

    @Test
    void thePagesFitAPhoneScreen() {
        long id = write(title("Phone"), "A text that must wrap on a narrow screen rather than push the page sideways.",
                "java", "spring", "databases");
        openEdit(id);
        browser.type(By.id("body"), "A changed text, still wrapping on a narrow screen.");
        save();
        browser.resize(new Dimension(390, 844));

        for (String page : List.of("/posts", "/posts/" + id, "/posts/" + id + "/history",
                "/posts/" + id + "/compare?from=1&to=2", "/time-travel", "/activity", "/deleted")) {
            browser.open(page);
            assertThat(horizontalOverflow()).as(page).isLessThanOrEqualTo(0);
        }
        browser.open("/posts/" + id);
        browser.screenshot("phone-post");
    }
}
