package tpp

import (
	"context"
	"strconv"
	"strings"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// listPageSize is the Count of each EnumerateApplications page.
const listPageSize = 100

// List reads every OAuth application with EnumerateApplications, page by page
// (Start, Count, ordered by ID). It stops at a page that is short or adds no
// application not seen before (a server that ignores Start), and the loop is
// bounded by transport.Pager: past transport.MaxListObjects it fails with a
// *transport.PagingError instead of reading forever.
func (c *Client) List(ctx context.Context) ([]Application, error) {
	p := transport.NewPager(c.tr.Platform(), "OAuth applications (EnumerateApplications)", listPageSize)
	seen := map[string]bool{}
	var all []Application
	for start := 0; ; start += listPageSize {
		var out struct {
			Applications *[]Application `json:"Applications"`
		}
		body := map[string]any{"Start": start, "Count": listPageSize, "OrderBy": "ID", "Descending": false}
		if err := c.call(ctx, pathEnumerate, body, &out); err != nil {
			return nil, err
		}
		if out.Applications == nil {
			return nil, &transport.DecodeError{Status: 200, Reason: "the EnumerateApplications response has no Applications"}
		}
		page := *out.Applications
		added := 0
		for _, a := range page {
			key := strings.ToLower(a.ID)
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			all = append(all, a)
			added++
		}
		next := ""
		if added > 0 && len(page) >= listPageSize {
			next = strconv.Itoa(start + listPageSize)
		}
		more, err := p.Next(added, next)
		if err != nil {
			return nil, err
		}
		if !more {
			return all, nil
		}
	}
}
