package dev.zos.grid.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad query parameters, unknown paths and wrong methods get a JSON error naming what is wrong. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestErrorsTest {
    ExplorerFixture grid;

    @BeforeAll
    void start() throws Exception {
        grid = new ExplorerFixture();
        grid.twin(1);
    }

    @AfterAll
    void close() throws Exception {
        grid.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/nodes?colour=red                 | unknown parameter 'colour'",
            "/nodes?size=abc                   | parameter 'size' must be a whole number",
            "/nodes?size=-1                    | parameter 'size' must not be negative",
            "/nodes?size=0                     | parameter 'size' must be 1 to 1000",
            "/nodes?size=1001                  | parameter 'size' must be 1 to 1000",
            "/nodes?page=0                     | parameter 'page' must be 1 to",
            "/nodes?page=99999999999           | parameter 'page' must be 1 to",
            "/nodes?page=1.5                   | parameter 'page' must be a whole number",
            "/nodes?free_mru=99999999999999999999 | parameter 'free_mru' is too large",
            "/nodes?free_mru=1e9               | parameter 'free_mru' must be a whole number",
            "/nodes?free_ips=-2                | parameter 'free_ips' must not be negative",
            "/nodes?ret_count=maybe            | parameter 'ret_count' must be true or false",
            "/nodes?status=sideways            | parameter 'status' must be one of up, standby, down",
            "/nodes?sort_by=colour             | unknown sort_by 'colour'",
            "/nodes?sort_order=up              | parameter 'sort_order' must be asc or desc",
            "/nodes?size=1&size=2              | parameter 'size' is given 2 times",
            "/nodes?country=                   | parameter 'country' is empty",
            "/nodes?farm_ids=1,,2              | parameter 'farm_ids' has an empty item",
            "/nodes?farm_ids=0                 | parameter 'farm_ids' must be 1 or more",
            "/nodes?twin_id=x                  | parameter 'twin_id' must be a whole number",
            "/nodes/abc                        | node id must be a positive whole number",
            "/nodes/0                          | node id must be a positive whole number",
            "/nodes/1?pretty=true              | unknown parameter 'pretty': this path takes no parameters",
            "/farms?status=up                  | unknown parameter 'status'",
            "/farms?free_ips=x                 | parameter 'free_ips' must be a whole number",
            "/twins?public_key=zz              | parameter 'public_key' must be 32 bytes of hex",
            "/contracts?type=rent              | parameter 'type' must be node or name",
            "/contracts?state=paused           | parameter 'state' must be one of created",
            "/contracts?node_id=-1             | parameter 'node_id' must not be negative",
            "/stats?status=up                  | unknown parameter 'status': this path takes no parameters",
            "/health?x=1                       | unknown parameter 'x'",
    })
    void badRequests(String path, String message) throws Exception {
        var a = grid.get(path);
        assertThat(a.status()).as("%s → %s", path, a.body()).isEqualTo(400);
        assertThat(a.error()).contains(message).doesNotContain("\n");
        assertThat(a.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void malformedQueryStringIs400() throws Exception {
        // java.net.URI refuses a bad escape, so this request goes over a plain socket
        try (var socket = new java.net.Socket("127.0.0.1", grid.server.port())) {
            socket.getOutputStream().write(("GET /nodes?size=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("{\"error\":\"malformed query string");
        }
    }

    @ParameterizedTest
    @CsvSource({"/nope", "/nodes/1/colour", "/nodes/1/status/x", "/farms/1/x", "/stats/x", "/", "/nodesx",
            "/tx/more", "/nodes/999", "/twins/999", "/contracts/999", "/farms/999"})
    void unknownPathsAre404Json(String path) throws Exception {
        var a = path.startsWith("/tx") ? grid.post(path, new byte[]{'{', '}'}) : grid.get(path);
        assertThat(a.status()).as("%s → %s", path, a.body()).isEqualTo(404);
        assertThat(a.error()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource({"DELETE,/nodes,GET", "POST,/nodes/1,GET", "PUT,/farms,GET", "POST,/stats,GET", "GET,/tx,POST",
            "DELETE,/tx,POST"})
    void wrongMethodIs405(String method, String path, String allowed) throws Exception {
        var a = grid.send(HttpRequest.newBuilder(grid.uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
        assertThat(a.status()).isEqualTo(405);
        assertThat(a.header("Allow")).isEqualTo(allowed);
        assertThat(a.error()).contains("use " + allowed);
    }
}
