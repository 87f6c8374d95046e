// Command terraform-provider-registrar serves the registrar provider to Terraform.
package main

import (
	"flag"
	"log"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/registrar-dev/terraform-provider-registrar/internal/provider"
)

// version is set at build time: -ldflags "-X main.version=1.2.3".
var version = "dev"

//go:generate make generate

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.Parse()
	if !debug {
		quietLogsUnlessAsked()
	}

	// What providerserver.Serve does for protocol 6, with the framework's server
	// wrapped so that finished requests do not stay in memory (provider.NewProtocol6).
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err := tf6server.Serve("registry.terraform.io/registrar-dev/registrar", provider.NewProtocol6(version), opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}

// logLevelVars are the terraform-plugin-go, framework and provider loggers' level
// variables. They are read in this process, per request.
var logLevelVars = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_REGISTRAR"}

// quietLogsUnlessAsked turns the provider's logging off when no TF_LOG* variable is
// set. Without a level, terraform-plugin-go, the framework and tflog log at TRACE:
// every request is formatted as JSON (with runtime.Caller for the location) and piped
// to Terraform, which parses each line and then discards it, because Terraform shows
// provider logs only when TF_LOG or TF_LOG_PROVIDER is set (and the provider
// inherits Terraform's environment). At N = 300 that was about a third of the
// provider's CPU time and as much again in Terraform (BENCHMARKS.md;
// hashicorp/terraform-plugin-framework#1269). Any TF_LOG* variable, or -debug,
// keeps the upstream behaviour.
func quietLogsUnlessAsked() {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_LOG") {
			return
		}
	}
	for _, v := range logLevelVars {
		_ = os.Setenv(v, "OFF")
	}
}
