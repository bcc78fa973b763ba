package dev.jobwire.test.webapp;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh headless Chromium for each test of a class that registers this extension, closed after
 * the test with the page's console log printed, so a failing run shows what the page said.
 */
final class Browser implements BeforeEachCallback, AfterEachCallback {
    private HeadlessChromium chromium;
    private JobPage page;

    @Override
    public void beforeEach(ExtensionContext context) {
        chromium = HeadlessChromium.start();
        page = new JobPage(chromium.driver);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (chromium != null) {
            System.out.print(chromium.consoleLog());
            chromium.close();
            chromium = null;
            page = null;
        }
    }

    JobPage page() {
        return page;
    }

    HeadlessChromium chromium() {
        return chromium;
    }
}
