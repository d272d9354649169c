package dev.redraw.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.testing.NoDelayServerSockets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

class NoDelaySocketsTest {

    @Test
    void everyKindOfSocketItMakesHasNagleOff() throws Exception {
        try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var loopback = InetAddress.getLoopbackAddress();
            int port = server.getLocalPort();
            List<Socket> sockets = List.of(
                    NoDelaySockets.INSTANCE.createSocket(),
                    NoDelaySockets.INSTANCE.createSocket(loopback.getHostAddress(), port),
                    NoDelaySockets.INSTANCE.createSocket(loopback, port),
                    NoDelaySockets.INSTANCE.createSocket(loopback.getHostAddress(), port, loopback, 0),
                    NoDelaySockets.INSTANCE.createSocket(loopback, port, loopback, 0));
            for (Socket socket : sockets) {
                try (socket) {
                    assertThat(socket.getTcpNoDelay()).isTrue();
                }
            }
        }
    }

    @Test
    void anHttpClientBuiltWithItConnectsAndTheFakeServersAcceptWithNagleOffToo() throws Exception {
        try (var server = new MockWebServer()) {
            server.setServerSocketFactory(NoDelayServerSockets.INSTANCE);
            server.enqueue(new MockResponse.Builder().body("ok").build());
            server.start(InetAddress.getLoopbackAddress(), 0);
            var client = new OkHttpClient.Builder()
                    .socketFactory(NoDelaySockets.INSTANCE)
                    .build();

            try (var response = client.newCall(
                            new Request.Builder().url(server.url("/")).build())
                    .execute()) {
                assertThat(response.body().string()).isEqualTo("ok");
            }
            try (var accepting =
                            NoDelayServerSockets.INSTANCE.createServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    var client2 = new Socket()) {
                client2.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), accepting.getLocalPort()));
                try (Socket accepted = accepting.accept()) {
                    assertThat(accepted.getTcpNoDelay()).isTrue();
                }
            }
        }
    }
}
