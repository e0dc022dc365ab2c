// What a system call costs on this machine (issue 17, docs/benchmarks.md "The rare missed ticks with fifo": the
// match hosts' CPU per match differs between machines because the tick thread reads and writes its UDP sockets
// itself, one syscall per datagram). CPU time of the calling thread, not wall time, so a busy machine does not
// inflate it much:  gcc -O2 -o /tmp/syscall-cost session-orchestrator/bench/syscall-cost.c && /tmp/syscall-cost
#define _GNU_SOURCE
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <fcntl.h>
static double cpu(){struct timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID,&t); return t.tv_sec+t.tv_nsec/1e9;}
int main(){
  int n=2000000; double t0=cpu(); for(int i=0;i<n;i++) syscall(SYS_getppid); double t1=cpu();
  printf("getppid: %.0f ns CPU per call\n",(t1-t0)/n*1e9);
  int a=socket(AF_INET,SOCK_DGRAM,0), b=socket(AF_INET,SOCK_DGRAM,0);
  struct sockaddr_in sa={.sin_family=AF_INET,.sin_addr.s_addr=htonl(INADDR_LOOPBACK)}; socklen_t l=sizeof sa;
  bind(b,(void*)&sa,sizeof sa); getsockname(b,(void*)&sa,&l); fcntl(b,F_SETFL,O_NONBLOCK);
  char buf[1200]={0}; int m=200000; t0=cpu();
  for(int i=0;i<m;i++){ sendto(a,buf,100,0,(void*)&sa,sizeof sa); recv(b,buf,sizeof buf,0);} t1=cpu();
  printf("udp loopback send+recv of 100 B: %.0f ns CPU per pair\n",(t1-t0)/m*1e9);
  t0=cpu(); for(int i=0;i<m;i++) recv(b,buf,sizeof buf,0); t1=cpu();
  printf("recv on an empty socket (EAGAIN): %.0f ns CPU\n",(t1-t0)/m*1e9);
  struct timespec ts; t0=cpu(); for(int i=0;i<n;i++) clock_gettime(CLOCK_MONOTONIC,&ts); t1=cpu();
  printf("clock_gettime(CLOCK_MONOTONIC) (vDSO, no syscall): %.0f ns CPU\n",(t1-t0)/n*1e9);
  return 0;}
