package io.anomalyhunter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestRulesTest {
    private final RequestRules rules = new RequestRules(Set.of("localhost", "127.0.0.1", "::1", "appliance.lan"));

    @ParameterizedTest(name = "{0} Host={1} Origin={2} type={3} requested-by={4}: {5}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            GET    | 127.0.0.1:8080        | -                          | -                | false | ok
            GET    | localhost             | -                          | -                | false | ok
            GET    | [::1]:8080            | -                          | -                | false | ok
            GET    | [0:0:0:0:0:0:0:1]     | -                          | -                | false | ok
            GET    | APPLIANCE.LAN.:8080   | -                          | -                | false | ok
            GET    | -                     | -                          | -                | false | ok
            GET    | evil.example          | -                          | -                | false | Host 'evil.example'
            GET    | 127.0.0.1.evil.example| -                          | -                | false | Host
            GET    | appliance.lan@evil    | -                          | -                | false | Host
            DELETE | 127.0.0.1:8080        | -                          | -                | true  | ok
            DELETE | 127.0.0.1:8080        | http://127.0.0.1:8080      | -                | true  | ok
            DELETE | localhost:8080        | http://localhost:8080      | -                | true  | ok
            POST   | appliance.lan         | http://appliance.lan       | application/json | false | ok
            POST   | 127.0.0.1:8080        | -                          | application/json; charset=utf-8 | false | ok
            DELETE | 127.0.0.1:8080        | -                          | -                | false | needs Content-Type
            POST   | 127.0.0.1:8080        | -                          | text/plain       | false | needs Content-Type
            POST   | 127.0.0.1:8080        | http://evil.example        | application/json | true  | origin 'http://evil.example'
            POST   | 127.0.0.1:8080        | http://127.0.0.1:9999      | application/json | true  | origin
            POST   | 127.0.0.1:8080        | null                       | application/json | true  | origin 'null'
            POST   | 127.0.0.1:8080        | file://                    | application/json | true  | origin
            POST   | 127.0.0.1:8080        | http://localhost:8080      | application/json | true  | origin
            """)
    void refusesForeignHostsAndCrossSiteChanges(String method, String host, String origin, String type,
                                                 boolean requestedBy, String expected) {
        Optional<String> refusal = rules.refusal(method, host, origin, type, requestedBy);
        if (expected.equals("ok")) {
            assertEquals(Optional.empty(), refusal);
        } else {
            assertTrue(refusal.isPresent() && refusal.get().contains(expected), refusal.toString());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Example.COM:80 | example.com
            [::1]:443      | ::1
            [0:0::1]       | ::1
            10.0.0.1       | 10.0.0.1
            host.          | host
            """)
    void hostNamesHaveOneSpelling(String header, String name) {
        assertEquals(name, RequestRules.hostName(header));
    }
}
