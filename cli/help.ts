/** The `--help` texts of the admin tool. */

export const MAIN_HELP = `Usage: hybrid-chat <command> [options]

Administration tool of Hybrid Chat for Finesse.

Commands:
  proxy check <map>    Validate a Finesse proxy-config map (VPN-less access)
  proxy nginx <map>    Print an nginx reverse-proxy configuration for the hosts of a map
  db copy --from <sqlite file> --to <postgres url>
                       Copy the chat server's SQLite database into an empty PostgreSQL database

Options:
  -h, --help           Show help (also after any command: hybrid-chat proxy nginx --help)
  -v, --version        Show the version

Exit status: 0 success, 1 invalid or unreadable map (or a failed copy), 2 wrong command line.
`;

export const PROXY_HELP = `Usage: hybrid-chat proxy <check|nginx> <map> [options]

The proxy-config map is the file Finesse, IdS and CUIC poll (utils system reverse-proxy config-uri):
one "internalhost:port=externalhost:port" per line; blank lines and # comments are allowed.

Commands:
  check <map>    Validate the map: a summary, or every problem with its line number
  nginx <map>    Print an nginx configuration for the hosts of the map

<map> is a file path, - for standard input, or an http(s) URL.
Run "hybrid-chat proxy <command> --help" for the options of a command.
`;

export const CHECK_HELP = `Usage: hybrid-chat proxy check <map>

Validates a proxy-config map. <map> is a file path, - for standard input, or an http(s) URL (for an
https URL signed by a private CA, set NODE_EXTRA_CA_CERTS=<ca.pem>).

On success prints the number of entries, every mapping, and the sticky groups: right-hand sides that
repeat, i.e. several internal servers behind one external host:port, which the proxy must serve with
sticky sessions. Otherwise prints every problem as <map>:<line>: <message> on standard error.

Options:
  -h, --help    Show this help

Exit status: 0 valid, 1 invalid, empty or unreadable, 2 wrong command line.
`;

export const NGINX_HELP = `Usage: hybrid-chat proxy nginx <map> [options]

Prints an nginx configuration for every host of a proxy-config map: a TLS server block per external
host:port that forwards to its internal host:port(s), with WebSocket upgrade, X-Forwarded-* headers,
timeouts above socket.io's heartbeat, unbuffered notification streams and a revalidating cache for
static files. Lines that share an external host:port become one sticky upstream. Lines given to --xmpp
are Desktop Chat's IM servers (BOSH and XMPP over WebSocket: unbuffered, 130 s timeouts). Map lines not
given to --chat or --xmpp are Finesse or other Cisco hosts (IdS, CUIC, IdP). nginx resolves the internal host names
when it loads the configuration: they must resolve on the proxy (DNS or /etc/hosts).

Default output is for the http {} context (e.g. /etc/nginx/conf.d/hybrid-chat.conf).

Options:
  --chat <host:port>            A chat server: its internal host:port (left side of the map), or the
                                external host:port its servers share (right side). Repeatable.
  --xmpp <host:port>            An IM server of Desktop Chat (Cisco IM and Presence, Prosody), named as
                                for --chat; map it as the gadget's externalServerHostAndPort_xmpp…
                                prefs name it. Repeatable.
  --upstream-scheme <https|http>
                                Scheme to the internal servers (default https)
  --chat-scheme <https|http>    Overrides --upstream-scheme for the chat servers
  --xmpp-scheme <https|http>    Overrides --upstream-scheme for the IM servers
  --finesse-scheme <https|http> Overrides --upstream-scheme for the other hosts
  --upstream-ca <file>          Verify the internal servers' certificates against this CA
  --cert-dir <dir>              Where <external-host>.crt and <external-host>.key are
                                (default /etc/nginx/ssl)
  --listen <address>            Listen on this address only (e.g. 127.0.0.1); repeatable
                                (default: all IPv4 addresses)
  --no-http2                    Do not enable HTTP/2 on the listen lines
  --max-body-size <size>        client_max_body_size, for chat file uploads (default 25m)
  --cache-dir <dir>             proxy_cache_path (default /var/cache/nginx/hybrid-chat,
                                or <prefix>/cache with --standalone)
  --standalone                  Print a complete nginx.conf instead (needs --prefix)
  --prefix <dir>                With --standalone: pid file, logs, temp files and cache under <dir>,
                                so nginx runs without root: nginx -p <dir> -c <file>
  --foreground                  With --standalone: add "daemon off;"
  --user <user>                 With --standalone: worker user when nginx is started as root; it
                                must be able to write under <prefix> (else caching fails)
  -o, --output <file>           Write the configuration to <file> instead of standard output
  -h, --help                    Show this help

Exit status: 0 written, 1 invalid, empty or unreadable map, 2 wrong command line.
`;

export const DB_COPY_HELP = `Usage: hybrid-chat db copy --from <sqlite file> --to <postgres url>

Copies every table of the chat server's SQLite database (DATA_DIR/hybrid-chat.db) into a PostgreSQL
database (postgres://user:password@host:5432/database), in one transaction, then compares the row
counts of every table on both sides. Stop the chat server first. The SQLite file must be at this
server's schema version (start the server on it once), and the PostgreSQL database must be empty:
its tables are created here. Then start the server with DATABASE_URL set to the same URL.

Options:
  --from <file>   The SQLite database file
  --to <url>      The PostgreSQL database
  -h, --help      Show this help

Exit status: 0 copied and verified, 1 the copy failed (nothing is left in PostgreSQL), 2 wrong
command line.
`;
