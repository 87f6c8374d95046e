package mockapi

import (
	"fmt"
	"sync"
)

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

// The String methods keep the client secrets out of test output: a failing test
// that prints a stored application (%v, %+v) shows who it is, never its secret.

func (a AnsibleApp) String() string {
	return fmt.Sprintf("Ansible application %d %q (organization %d, %s, client_id %s)", a.ID, a.Name, a.Organization, a.ClientType, a.ClientID)
}

func (a TimebackApp) String() string {
	return fmt.Sprintf("Timeback application %s %q (publisher %s, client_id %s)", a.ApplicationID, a.Name, a.PublisherID, a.ClientID)
}

func (a CronofyApp) String() string {
	return fmt.Sprintf("Cronofy application %q (%s, host %s, client_id %s)", a.Name, a.URL, a.Host, a.ClientID)
}
