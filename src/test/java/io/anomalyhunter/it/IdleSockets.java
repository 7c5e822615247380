package io.anomalyhunter.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process that opens idle connections to a port and holds them until its stdin closes: a test's own JVM
 * cannot hold 20,000 sockets under a 20,000 open-file limit, two of these can. Prints "opened N" when done.
 */
public final class IdleSockets {
    private IdleSockets() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        List<Socket> held = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < count; i++) {
            try {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                held.add(s);
            } catch (IOException e) {
                failed++;
            }
        }
        System.out.println("opened " + held.size() + " failed " + failed);
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold until the parent closes our stdin
        }
        for (Socket s : held) {
            s.close();
        }
    }
}
