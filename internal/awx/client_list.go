package awx

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/registrar-dev/terraform-provider-registrar/internal/transport"
)

// ListFilter narrows List: zero values do not filter.
type ListFilter struct {
	Organization int64
	Name         string
}

// listPageSize is AWX's largest page.
const listPageSize = 200

// List walks GET applications/ page by page and passes every application to yield
// until yield returns false. The walk is bounded: it stops after max applications
// (or the pages it takes to reach them), on a page with no results, and with an error
// when a page's next link does not point to a later page.
func (c *Client) List(ctx context.Context, f ListFilter, max int, yield func(*Application) bool) error {
	q := url.Values{"page_size": {strconv.Itoa(listPageSize)}, "order_by": {"id"}}
	if f.Organization != 0 {
		q.Set("organization", strconv.FormatInt(f.Organization, 10))
	}
	if f.Name != "" {
		q.Set("name", f.Name)
	}
	seen := 0
	maxPages := max/listPageSize + 1
	for page := 1; page <= maxPages; page++ {
		q.Set("page", strconv.Itoa(page))
		resp, err := c.tr.Do(ctx, transport.Request{Method: http.MethodGet, Path: c.path(), Query: q})
		if err != nil {
			return err
		}
		var body struct {
			Next    *string       `json:"next"`
			Results []Application `json:"results"`
		}
		if err := resp.Decode(&body); err != nil {
			return err
		}
		for i := range body.Results {
			a := &body.Results[i]
			// The filters are applied again here, in case AWX ignores one.
			if (f.Organization != 0 && a.Organization != f.Organization) || (f.Name != "" && a.Name != f.Name) {
				continue
			}
			if seen >= max {
				return nil
			}
			seen++
			if !yield(a) {
				return nil
			}
		}
		if body.Next == nil || *body.Next == "" || len(body.Results) == 0 {
			return nil
		}
		if next := nextPage(*body.Next); next <= page {
			return fmt.Errorf("AWX's next link on page %d of applications/ points to page %d: the listing stopped there, as following it would never end", page, next)
		}
	}
	return nil
}

// nextPage reads the page number of a next link (0 when it has none).
func nextPage(next string) int {
	u, err := url.Parse(next)
	if err != nil {
		return 0
	}
	p, err := strconv.Atoi(u.Query().Get("page"))
	if err != nil {
		return 0
	}
	return p
}
