package mockapi

import "sync"

// nextSecret lets a test choose the client secret of the next application a platform
// creates: a test that must later restore the secret with client_secret_wo has to know
// it before the configuration is written.
type nextSecret struct {
	mu     sync.Mutex
	secret string
}

// SetNextSecret makes the next created application get this client secret.
func (n *nextSecret) SetNextSecret(s string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.secret = s
}

// take returns the preset secret once, or a fresh one from gen.
func (n *nextSecret) take(gen func() string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if s := n.secret; s != "" {
		n.secret = ""
		return s
	}
	return gen()
}
