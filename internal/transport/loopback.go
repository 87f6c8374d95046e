package transport

import (
	"net"
	"strings"
)

// IsLoopback reports whether host (without port) is localhost or a loopback address:
// the one place plain http may carry credentials or a secret.
func IsLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
