//go:build ignore

// mustrun reads `go test -json` output and fails when a test named in a list file
// (a test name, or /regexp/) did not pass: skipped, failed, or never run.
//
//	go run .ci/mustrun.go LISTFILE JSONFILE
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go run .ci/mustrun.go LISTFILE JSONFILE")
		os.Exit(2)
	}
	names, patterns, err := readList(os.Args[1])
	if err != nil {
		fail(err)
	}
	f, err := os.Open(os.Args[2])
	if err != nil {
		fail(err)
	}
	defer f.Close()
	// result is each test's final action; reason the skip message it printed.
	result := map[string]string{}
	reason := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil || e.Test == "" {
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "pass", "fail", "skip":
			result[key] = e.Action
		case "output":
			if s := strings.TrimSpace(e.Output); s != "" && !strings.HasPrefix(s, "---") && !strings.HasPrefix(s, "===") {
				reason[key] = s
			}
		}
	}
	if err := sc.Err(); err != nil {
		fail(err)
	}
	if len(result) == 0 {
		fail(fmt.Errorf("%s holds no test results", os.Args[2]))
	}
	var bad, ok []string
	seen := map[string]bool{}
	keys := make([]string, 0, len(result))
	for k := range result {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		test := k[strings.Index(k, " ")+1:]
		must := names[test]
		for _, p := range patterns {
			must = must || p.MatchString(test)
		}
		if !must {
			continue
		}
		seen[test] = true
		if result[k] == "pass" {
			ok = append(ok, k)
		} else {
			bad = append(bad, fmt.Sprintf("%s: %s (%s)", k, result[k], reason[k]))
		}
	}
	for n := range names {
		if !seen[n] {
			bad = append(bad, n+": never ran (renamed or removed? update "+os.Args[1]+")")
		}
	}
	fmt.Printf("%d tests that must run on this pass passed\n", len(ok))
	for _, k := range ok {
		fmt.Println("  ok  " + k)
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		fmt.Printf("FAIL: %d tests that must run on this pass did not pass:\n", len(bad))
		for _, b := range bad {
			fmt.Println("  " + b)
		}
		os.Exit(1)
	}
}

func readList(path string) (map[string]bool, []*regexp.Regexp, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	names := map[string]bool{}
	var patterns []*regexp.Regexp
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
		case len(l) > 2 && strings.HasPrefix(l, "/") && strings.HasSuffix(l, "/"):
			re, err := regexp.Compile(l[1 : len(l)-1])
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %v", path, err)
			}
			patterns = append(patterns, re)
		default:
			names[l] = true
		}
	}
	return names, patterns, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "FAIL:", err)
	os.Exit(1)
}
