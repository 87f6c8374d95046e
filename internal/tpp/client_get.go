package tpp

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// getAnswer is GetApplication's answer. TPP's doc example holds the application in
// Application (one object); the vendor's API contract lists Applications (an
// array). Either is accepted.
type getAnswer struct {
	Application  *Application  `json:"Application"`
	Applications []Application `json:"Applications"`
}

// pick returns the application with id from either member. An answer about another
// application, or about none, is a *transport.WrongObjectError: the provider never
// stores another object's values under this id.
func (g *getAnswer) pick(platform, id string) (*Application, error) {
	if g.Application != nil && g.Application.ID != "" && strings.EqualFold(g.Application.ID, id) {
		return g.Application, nil
	}
	for i := range g.Applications {
		if g.Applications[i].ID != "" && strings.EqualFold(g.Applications[i].ID, id) {
			return &g.Applications[i], nil
		}
	}
	got := ""
	if g.Application != nil {
		got = g.Application.ID
	}
	for i := 0; got == "" && i < len(g.Applications); i++ {
		got = g.Applications[i].ID
	}
	return nil, &transport.WrongObjectError{Platform: platform, Method: http.MethodPost, Path: pathGet, Want: id, Got: got}
}

// resultMessage describes a Success false answer: the code, its name and TPP's Error text.
func resultMessage(code int, text string) string {
	msg := fmt.Sprintf("Success false, Result %d (%s)", code, ResultName(code))
	if t := strings.TrimSpace(text); t != "" {
		msg += ": " + t
	}
	return msg
}
