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
// application, or about none, is an error: the provider never stores another
// object's values under this id.
func (g *getAnswer) pick(id string) (*Application, error) {
	if g.Application != nil && strings.EqualFold(g.Application.ID, id) {
		return g.Application, nil
	}
	for i := range g.Applications {
		if strings.EqualFold(g.Applications[i].ID, id) {
			return &g.Applications[i], nil
		}
	}
	var held []string
	if g.Application != nil {
		held = append(held, fmt.Sprintf("Application with ID %q", g.Application.ID))
	}
	if len(g.Applications) > 0 {
		ids := make([]string, 0, len(g.Applications))
		for _, a := range g.Applications {
			ids = append(ids, fmt.Sprintf("%q", a.ID))
		}
		held = append(held, "Applications with IDs "+strings.Join(ids, ", "))
	}
	what := "neither an Application nor an Applications member"
	if len(held) > 0 {
		what = strings.Join(held, " and ")
	}
	return nil, &transport.DecodeError{Status: http.StatusOK,
		Err: fmt.Errorf("GetApplication for %q answered %s, not the application asked for", id, what), Snippet: "{…}"}
}

// resultMessage describes a Success false answer: the code, its name and TPP's Error text.
func resultMessage(code int, text string) string {
	msg := fmt.Sprintf("Success false, Result %d (%s)", code, ResultName(code))
	if t := strings.TrimSpace(text); t != "" {
		msg += ": " + t
	}
	return msg
}
