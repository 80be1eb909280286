package dev.nightcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactedJdbcUrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:postgresql://db:5432/nightcast | jdbc:postgresql://db:5432/nightcast
            jdbc:postgresql://db/nightcast?user=n&password=s3cret | jdbc:postgresql://db/nightcast?user=n
            jdbc:postgresql://db/nightcast?password=s3cret&ssl=true | jdbc:postgresql://db/nightcast?ssl=true
            jdbc:postgresql://db/nightcast?user=n&PASSWORD=s3cret&ssl=true | jdbc:postgresql://db/nightcast?user=n&ssl=true
            jdbc:postgresql://db/nightcast?sslpassword=s3cret | jdbc:postgresql://db/nightcast
            jdbc:mysql://nightcast:s3cret@db:3306/nightcast | jdbc:mysql://nightcast@db:3306/nightcast
            jdbc:mysql://nightcast:s3cret@db:3306/nightcast?password=s3cret | jdbc:mysql://nightcast@db:3306/nightcast
            jdbc:h2:file:/srv/db;USER=sa;PASSWORD=s3cret;AUTO_SERVER=TRUE | jdbc:h2:file:/srv/db;USER=sa;AUTO_SERVER=TRUE
            jdbc:h2:file:/srv/db;PASSWORD=s3cret | jdbc:h2:file:/srv/db
            jdbc:sqlserver://db:1433;databaseName=n;user=n;password=s3cret;encrypt=true | jdbc:sqlserver://db:1433;databaseName=n;user=n;encrypt=true
            """)
    void passwordsAreRemovedFromAUrlAndEverythingElseIsKept(String url, String shown) {
        assertThat(RedactedJdbcUrl.of(url)).isEqualTo(shown).doesNotContain("s3cret");
    }
}
