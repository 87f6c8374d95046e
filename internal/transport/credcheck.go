package transport

import (
	"context"
	"sync"
)

// credentialChecks holds one *credentialCheck per key for the life of the process.
var credentialChecks sync.Map // key → *credentialCheck

type credentialCheck struct {
	once sync.Once
	err  error
}

// CheckCredentialsOnce runs check, a platform's cheapest authenticated call, once per
// key (the platform client, a pointer) for the life of the process and returns its
// result to every caller: a concurrent caller waits for the first call to finish, a
// later one gets the remembered result without a request. A provider process is one
// Terraform operation, so a plan of many resources asks the platform once.
//
// A platform client wires it in one line:
//
//	func (c *Client) CheckCredentials(ctx context.Context) error {
//		return transport.CheckCredentialsOnce(ctx, c, c.me)
//	}
func CheckCredentialsOnce(ctx context.Context, key any, check func(context.Context) error) error {
	v, _ := credentialChecks.LoadOrStore(key, &credentialCheck{})
	cc, _ := v.(*credentialCheck) // the map only ever holds *credentialCheck
	cc.once.Do(func() { cc.err = check(ctx) })
	return cc.err
}
