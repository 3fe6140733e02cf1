// Command goread prints, as JSON, the build information that Go's own
// debug/buildinfo reads from each file named on the command line: the
// reference that gostatic's reader is compared with.
package main

import (
	"debug/buildinfo"
	"encoding/json"
	"os"
)

type module struct {
	Path    string  `json:"path"`
	Version string  `json:"version"`
	Sum     string  `json:"sum"`
	Replace *module `json:"replace,omitempty"`
}

type info struct {
	File     string            `json:"file"`
	Error    string            `json:"error,omitempty"`
	Version  string            `json:"version,omitempty"`
	Path     string            `json:"path,omitempty"`
	Main     string            `json:"main,omitempty"`
	Deps     []module          `json:"deps"`
	Settings map[string]string `json:"settings"`
}

func main() {
	enc := json.NewEncoder(os.Stdout)
	for _, f := range os.Args[1:] {
		out := info{File: f, Deps: []module{}, Settings: map[string]string{}}
		bi, err := buildinfo.ReadFile(f)
		if err != nil {
			out.Error = err.Error()
		} else {
			out.Version = bi.GoVersion
			out.Path = bi.Path
			out.Main = bi.Main.Path
			for _, d := range bi.Deps {
				m := module{Path: d.Path, Version: d.Version, Sum: d.Sum}
				if d.Replace != nil {
					m.Replace = &module{Path: d.Replace.Path, Version: d.Replace.Version, Sum: d.Replace.Sum}
				}
				out.Deps = append(out.Deps, m)
			}
			for _, s := range bi.Settings {
				out.Settings[s.Key] = s.Value
			}
		}
		if err := enc.Encode(out); err != nil {
			os.Exit(1)
		}
	}
}
