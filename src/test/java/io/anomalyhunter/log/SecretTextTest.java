package io.anomalyhunter.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            https://hooks.slack.com/services/T000/B000/XXXXSECRET  | https://hooks.slack.com/…
            http://user:pass@10.0.0.5:8080/hook                    | http://10.0.0.5:8080/…
            https://alerts.lan/hook?token=SECRET                   | https://alerts.lan/…
            http://alerts.lan                                      | http://alerts.lan
            http://alerts.lan/                                     | http://alerts.lan
            http://[fe80::1]:9000/x                                | http://[fe80::1]:9000/…
            """)
    void aUrlShowsOnlyWhereItGoes(String url, String shown) {
        assertEquals(shown, SecretText.url(URI.create(url)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            HTTP 503 from https://h.lan/x?token=SECRET: busy           | HTTP 503 from https://h.lan/…: busy
            java.io.IOException: POST http://u:SECRET@h.lan/a failed   | java.io.IOException: POST http://h.lan/… failed
            no url here                                                | no url here
            """)
    void urlsInTextAreShortened(String text, String shown) {
        assertEquals(shown, SecretText.urls(text));
    }
}
