package tpp

import (
	"context"
	"fmt"
	"strconv"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

const pathEnumerate = "/vedsdk/oauth/EnumerateApplications"

// enumeratePageSize is the page size asked of EnumerateApplications.
const enumeratePageSize = 100

// List walks EnumerateApplications page by page (Start, Count, ordered by ID) and
// passes every application to yield until yield returns false. The walk is bounded:
// it stops after max applications, on a short or empty page, at transport.Pager's
// bound, and with an error when a page brings no application not seen before
// (a Start that TPP ignores would otherwise repeat the first page forever).
func (c *Client) List(ctx context.Context, max int, yield func(*Application) bool) error {
	pager := transport.NewPager("TPP", "OAuth applications", enumeratePageSize)
	seen := map[string]bool{}
	start := 0
	for {
		var out struct {
			Applications []Application `json:"Applications"`
		}
		body := map[string]any{"Start": start, "Count": enumeratePageSize, "OrderBy": "ID", "Descending": false}
		if err := c.call(ctx, pathEnumerate, body, &out); err != nil {
			return err
		}
		fresh := 0
		for i := range out.Applications {
			a := &out.Applications[i]
			if a.ID == "" || seen[a.ID] {
				continue
			}
			seen[a.ID] = true
			fresh++
			if len(seen) > max {
				return nil
			}
			if !yield(a) {
				return nil
			}
		}
		if fresh == 0 && len(out.Applications) > 0 {
			return fmt.Errorf("EnumerateApplications answered Start %d with applications already listed: the listing stopped there, as paging does not advance", start)
		}
		start += len(out.Applications)
		next := ""
		if len(out.Applications) == enumeratePageSize { // a short page is the last
			next = strconv.Itoa(start)
		}
		more, err := pager.Next(len(out.Applications), next)
		if err != nil || !more {
			return err
		}
	}
}
