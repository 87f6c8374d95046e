package ansible

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
// until yield returns false. The walk is bounded: it stops after max applications,
// and transport.Pager ends it on a page with no results and with a
// *transport.PagingError when a next link repeats or the listing never ends.
func (c *Client) List(ctx context.Context, f ListFilter, max int, yield func(*Application) bool) error {
	q := url.Values{"page_size": {strconv.Itoa(listPageSize)}, "order_by": {"id"}}
	if f.Organization != 0 {
		q.Set("organization", strconv.FormatInt(f.Organization, 10))
	}
	if f.Name != "" {
		q.Set("name", f.Name)
	}
	pager := transport.NewPager(c.tr.Platform(), "applications", listPageSize)
	seen := 0
	for page := 1; ; page++ {
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
		next := ""
		if body.Next != nil {
			next = *body.Next
		}
		if next != "" && len(body.Results) > 0 && nextPage(next) <= page {
			// The walk follows page numbers, so a link back to this or an earlier page
			// would not repeat; it still means the listing cannot be trusted to end.
			return &transport.PagingError{Platform: c.tr.Platform(), What: "applications", Pages: page, Objects: seen,
				Reason: fmt.Sprintf("its next link on page %d does not advance (it points to page %d)", page, nextPage(next))}
		}
		more, err := pager.Next(len(body.Results), next)
		if err != nil || !more {
			return err
		}
	}
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
