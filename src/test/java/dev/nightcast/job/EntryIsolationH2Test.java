package dev.nightcast.job;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
class EntryIsolationH2Test extends EntryIsolationTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:entry-isolation;DB_CLOSE_DELAY=-1");
        gatewayProperties(registry);
    }

    @Override
    String tag() {
        return "h2";
    }
}
