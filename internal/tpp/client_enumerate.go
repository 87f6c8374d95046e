package tpp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// Paging of List: pages of listPageSize applications; at most listMaxApplications
// in all, so that a server that never stops answering cannot keep the provider
// busy (or its memory growing) forever.
const (
	listPageSize        = 100
	listMaxApplications = 20000
)

// ErrListTooLong is List meeting more applications than it reads.
var ErrListTooLong = fmt.Errorf("TPP lists more than %d OAuth applications; the provider reads at most that many", listMaxApplications)

// List reads every OAuth application with EnumerateApplications, page by page
// (Start, Count, ordered by ID). It stops at a page that is short or adds no
// application not seen before, and fails with ErrListTooLong beyond
// listMaxApplications.
func (c *Client) List(ctx context.Context) ([]Application, error) {
	seen := map[string]bool{}
	var all []Application
	for start := 0; ; start += listPageSize {
		var out struct {
			Applications []Application `json:"Applications"`
		}
		body := map[string]any{"Start": start, "Count": listPageSize, "OrderBy": "ID", "Descending": false}
		if err := c.call(ctx, pathEnumerate, body, &out); err != nil {
			return nil, err
		}
		if out.Applications == nil {
			return nil, &transport.DecodeError{Status: http.StatusOK, Err: errors.New("the EnumerateApplications response has no Applications"), Snippet: "{…}"}
		}
		added := 0
		for _, a := range out.Applications {
			key := strings.ToLower(a.ID)
			if key == "" || seen[key] {
				continue
			}
			if len(all) == listMaxApplications {
				return nil, ErrListTooLong
			}
			seen[key] = true
			all = append(all, a)
			added++
		}
		if added == 0 || len(out.Applications) < listPageSize {
			return all, nil
		}
	}
}
