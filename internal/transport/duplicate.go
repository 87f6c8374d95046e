package transport

import "errors"

// ResendHitDuplicate reports a create that was sent more than once (a retry after a
// 429, a 503 or a connection error) whose final answer is the platform's duplicate
// error, as isDuplicate recognises it: the object an earlier attempt created is
// probably what the resend collided with, so it must be reported as created outside
// Terraform state, not as a name the user should change.
func ResendHitDuplicate(err error, isDuplicate func(error) bool) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.Attempts > 1 && isDuplicate(err)
}
