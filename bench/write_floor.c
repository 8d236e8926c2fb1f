/* write_floor.c: what writing the answer of RR q=1 on 10,000 jobs (24 MiB)
 * to a file costs on this machine, in a bare C loop (256 KiB writes), five
 * times: the floor under any homework tool's time (issue 9's 200x target is
 * 2.27 s / 200 = 11 ms of CPU for scheduler.py's run, output included).
 * Measured 2026-12-07 on the 2-CPU VM, loaded: 5.5, 14.9, 22.1, 19.0,
 * 13.1 ms (median 14.9). Not built by Meson: `gcc -O2 write_floor.c`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>
int main(void){
  size_t n = 24u<<20; char *b = malloc(n); memset(b,'x',n);
  for (int k=0;k<5;k++){
  struct timespec a,c; clock_gettime(CLOCK_MONOTONIC,&a);
  int fd = open("write_floor.bin", O_WRONLY|O_CREAT|O_TRUNC, 0644);
  for (size_t o=0;o<n;o+=262144) if (write(fd,b+o,262144)<0) return 1;
  close(fd);
  clock_gettime(CLOCK_MONOTONIC,&c);
  printf("24 MiB write: %.1f ms\n", (c.tv_sec-a.tv_sec)*1e3+(c.tv_nsec-a.tv_nsec)/1e6);
  }
  unlink("write_floor.bin"); return 0; }
