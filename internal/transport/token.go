package transport

import (
	"context"
	"errors"
	"fmt"
)

// TokenAnswer is the part of an OAuth 2.0 token endpoint's answer the clients read.
type TokenAnswer struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int64  `json:"expires_in"`
}

// FetchToken sends r to a token endpoint and returns its answer. Every failure is an
// *AuthError of platform and step: the API request the token was for has not been
// sent. An answer that cannot be decoded is described rather than wrapped (a
// DecodeError would count as maybe applied), and one without an access_token is
// refused without quoting it.
func (c *Client) FetchToken(ctx context.Context, r Request, platform, step string) (*TokenAnswer, error) {
	fail := func(err error) error { return &AuthError{Platform: platform, Step: step, Err: err} }
	resp, err := c.Do(ctx, r)
	if err != nil {
		return nil, fail(err)
	}
	var tok *TokenAnswer
	if err := resp.Decode(&tok); err != nil {
		return nil, fail(errors.New(err.Error()))
	}
	if tok == nil || tok.AccessToken == "" {
		return nil, fail(fmt.Errorf("the answer (HTTP %d) holds no access_token", resp.Status))
	}
	return tok, nil
}
