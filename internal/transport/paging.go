package transport

import "fmt"

// MaxListObjects bounds every paging loop: no real installation holds this many
// objects of one kind, so a listing that goes on past it is a server whose "next"
// link never ends. It is not a setting.
const MaxListObjects = 100_000

// Pager bounds one paging loop: at most MaxListObjects objects, at most
// MaxListObjects/pageSize pages (rounded up), and a "next" link that must advance.
//
//	p := transport.NewPager("AWX", "applications", 200)
//	for {
//		... fetch a page ...
//		more, err := p.Next(len(page.Results), next)
//		if err != nil || !more { ... }
//	}
type Pager struct {
	platform, what string
	maxPages       int
	pages, objects int
	seen           map[string]bool
}

// NewPager starts a paging loop over what (for the error) with pageSize objects a page.
func NewPager(platform, what string, pageSize int) *Pager {
	if pageSize < 1 {
		pageSize = 1
	}
	return &Pager{platform: platform, what: what, maxPages: (MaxListObjects + pageSize - 1) / pageSize, seen: map[string]bool{}}
}

// Next records a page of n objects whose link to the following page is next (""
// when the page is the last) and reports whether another page is to be fetched. It
// returns a *PagingError when next repeats an earlier link or the bound is reached.
func (p *Pager) Next(n int, next string) (bool, error) {
	p.pages++
	p.objects += n
	if next == "" || n == 0 {
		return false, nil
	}
	if p.seen[next] {
		return false, &PagingError{Platform: p.platform, What: p.what, Pages: p.pages, Objects: p.objects, Reason: "its next link does not advance (it repeats the link of an earlier page)"}
	}
	p.seen[next] = true
	if p.pages >= p.maxPages || p.objects >= MaxListObjects {
		return false, &PagingError{Platform: p.platform, What: p.what, Pages: p.pages, Objects: p.objects,
			Reason: fmt.Sprintf("it still has a next page after %d objects, the most any listing may hold", MaxListObjects)}
	}
	return true, nil
}

// PagingError stops a listing that does not end.
type PagingError struct {
	Platform, What string
	Pages, Objects int
	Reason         string
}

func (e *PagingError) Error() string {
	return fmt.Sprintf("%s: listing %s stopped after %d page(s) and %d object(s): %s. The server's paging is broken; check that base_url points at the API itself (not a proxy), and report this to the platform's administrators.",
		e.Platform, e.What, e.Pages, e.Objects, e.Reason)
}
