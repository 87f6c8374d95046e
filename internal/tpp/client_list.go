package tpp

import (
	"context"
	"fmt"
)

const pathEnumerate = "/vedsdk/oauth/EnumerateApplications"

// enumeratePageSize is the page size asked of EnumerateApplications.
const enumeratePageSize = 100

// List walks EnumerateApplications page by page (Start, Count, ordered by ID) and
// passes every application to yield until yield returns false. The walk is bounded:
// it stops after max applications (or the pages it takes to reach them), on a short
// or empty page, and with an error when a page brings no application not seen before
// (a Start that TPP ignores would otherwise repeat the first page forever).
func (c *Client) List(ctx context.Context, max int, yield func(*Application) bool) error {
	seen := map[string]bool{}
	maxPages := max/enumeratePageSize + 1
	start := 0
	for page := 0; page < maxPages; page++ {
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
		if len(out.Applications) < enumeratePageSize {
			return nil
		}
		if fresh == 0 {
			return fmt.Errorf("EnumerateApplications answered Start %d with applications already listed: the listing stopped there, as paging does not advance", start)
		}
		start += len(out.Applications)
	}
	return nil
}
