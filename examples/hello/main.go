// Command hello is a small cgo program with the usual reasons a Go binary
// ends up dynamically linked: C code of its own (libm, pthread), and the
// net and os/user packages, which call the C library when cgo is on.
package main

/*
#cgo LDFLAGS: -lm -lpthread
#include <math.h>
#include <pthread.h>

static double hyp(double a, double b) { return hypot(a, b); }

static void *work(void *arg) { *(int *)arg *= 2; return 0; }

static int doubled(int x) {
	pthread_t t;
	if (pthread_create(&t, 0, work, &x) != 0) return -1;
	pthread_join(t, 0);
	return x;
}
*/
import "C"

import (
	"fmt"
	"net"
	"os"
	"os/user"
)

func main() {
	fmt.Printf("hypot(3, 4) = %.1f (libm)\n", float64(C.hyp(3, 4)))
	fmt.Printf("21 doubled in a C thread = %d (pthread)\n", int(C.doubled(21)))
	if u, err := user.Current(); err == nil {
		fmt.Printf("running as uid %s (os/user)\n", u.Uid)
	} else {
		fmt.Printf("running as uid %d (os/user: %v)\n", os.Getuid(), err)
	}
	if _, err := net.ResolveTCPAddr("tcp", "127.0.0.1:80"); err == nil {
		fmt.Println("resolved 127.0.0.1 (net)")
	}
}
