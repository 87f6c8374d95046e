package transport

import (
	"errors"
	"fmt"
)

// AuthError is a failed authentication: a token exchange that was refused, could
// not be reached, or answered without a usable token. The API request it was for
// was never sent, so MaybeApplied is false for it and for every error that wraps it.
type AuthError struct {
	// Platform names the platform ("TPP", "Timeback").
	Platform string
	// Step says what failed ("obtaining an access token from /vedauth/authorize/oauth").
	Step string
	// Err is the cause: an *APIError, a *RequestError, or a description of an
	// unusable answer (never the answer's text: a token response holds a secret).
	Err error
}

func (e *AuthError) Error() string {
	return fmt.Sprintf("%s authentication failed (%s), so the request was not sent: %v", e.Platform, e.Step, e.Err)
}

func (e *AuthError) Unwrap() error { return e.Err }

// AuthFailure marks the error as an authentication failure (see IsAuthFailure).
func (e *AuthError) AuthFailure() bool { return true }

// IsAuthFailure reports an authentication failure anywhere in err's chain: an
// *AuthError or a platform error type with an AuthFailure() bool method that
// returns true.
func IsAuthFailure(err error) bool {
	var af interface{ AuthFailure() bool }
	return errors.As(err, &af) && af.AuthFailure()
}

// WrongObjectError is a 2xx answer to the read of one object whose body does not
// describe that object: empty ({} or null), without an id, or with another id.
// Resources report it as an error and keep their prior state: a body like that
// must never replace what is known about the object.
type WrongObjectError struct {
	Platform string
	Method   string
	Path     string
	// Want is the id that was asked for; Got the id the body carried ("" for none).
	Want, Got string
}

func (e *WrongObjectError) Error() string {
	what := "a body without the object's id (empty, null, or another shape)"
	if e.Got != "" {
		what = fmt.Sprintf("the object with id %q", Clean(e.Got, 60))
	}
	return fmt.Sprintf("%s %s %s answered with %s instead of the object with id %q; the state kept its previous values. "+
		"Check that base_url points at the API itself (not a proxy or a web page), then refresh again.",
		e.Platform, e.Method, e.Path, what, Clean(e.Want, 60))
}

// IsWrongObject reports a *WrongObjectError in err's chain.
func IsWrongObject(err error) bool {
	var we *WrongObjectError
	return errors.As(err, &we)
}
