package dev.mer.dataset;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh Arrow root allocator for each test, closed after it: closing throws if the test leaked a
 * buffer, so every test that uses it is also a leak check. Declare it as
 * {@code @RegisterExtension final LeakCheckedAllocator allocator = new LeakCheckedAllocator();}
 * (JUnit makes a new test instance, hence a new allocator, for every test method).
 */
public final class LeakCheckedAllocator extends RootAllocator implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }
}
