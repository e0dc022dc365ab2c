// Stall probe (issue 17, docs/benchmarks.md "The rare missed ticks with fifo"): one SCHED_FIFO thread per CPU,
// pinned, wakes every 2 ms on an absolute CLOCK_MONOTONIC deadline and prints every wake-up later than THRESH_US as
// "late,epoch_ms,cpu,late_us", then a histogram per CPU. It is below the JVM: a late wake-up of a real-time thread
// that does nothing means the CPU itself was not available (the hypervisor, the kernel in a non-preemptible section
// (this machine's kernel is PREEMPT_NONE), a higher real-time thread), not a safepoint, a collector or a lock.
// Beside a benchmark, as root (SCHED_FIFO needs CAP_SYS_NICE); priority 2 is above the match hosts' tick threads:
//   gcc -O2 -pthread -o /tmp/stall-probe session-orchestrator/bench/stall-probe.c
//   /tmp/stall-probe SECONDS [PRIORITY=2] [THRESH_US=1000] > probe.csv
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
static long period_ns = 2000000, thresh_ns = 1000000; static int seconds = 60, prio = 2;
static long long ns(struct timespec t){return t.tv_sec*1000000000LL+t.tv_nsec;}
static void *run(void *arg){
  int cpu=(int)(long)arg; cpu_set_t s; CPU_ZERO(&s); CPU_SET(cpu,&s);
  pthread_setaffinity_np(pthread_self(),sizeof s,&s);
  struct sched_param p={.sched_priority=prio};
  if(pthread_setschedparam(pthread_self(),SCHED_FIFO,&p)) { perror("SCHED_FIFO"); exit(1); }
  struct timespec next,now,rt; clock_gettime(CLOCK_MONOTONIC,&next);
  long long end=ns(next)+seconds*1000000000LL, hist[8]={0}, n=0, maxl=0;
  while(1){
    next.tv_nsec+=period_ns; while(next.tv_nsec>=1000000000){next.tv_nsec-=1000000000;next.tv_sec++;}
    clock_nanosleep(CLOCK_MONOTONIC,TIMER_ABSTIME,&next,NULL);
    clock_gettime(CLOCK_MONOTONIC,&now); long long late=ns(now)-ns(next); n++;
    if(late>maxl)maxl=late;
    int b= late<100000?0: late<500000?1: late<1000000?2: late<2000000?3: late<5000000?4: late<10000000?5: late<16700000?6:7; hist[b]++;
    if(late>=thresh_ns){clock_gettime(CLOCK_REALTIME,&rt); printf("late,%lld,%d,%lld\n",ns(rt)/1000000,cpu,late/1000); fflush(stdout);}
    if(ns(now)>=end)break;
    if(late>period_ns){ /* skip missed periods */ while(ns(next)<ns(now)){next.tv_nsec+=period_ns; while(next.tv_nsec>=1000000000){next.tv_nsec-=1000000000;next.tv_sec++;}}}
  }
  printf("cpu%d,wakeups,%lld,max_us,%lld,<0.1ms,%lld,<0.5,%lld,<1,%lld,<2,%lld,<5,%lld,<10,%lld,<16.7,%lld,>=16.7,%lld\n",cpu,n,maxl/1000,hist[0],hist[1],hist[2],hist[3],hist[4],hist[5],hist[6],hist[7]);
  return 0;}
int main(int c,char**v){ if(c>1)seconds=atoi(v[1]); if(seconds<1||seconds>600){fprintf(stderr,"1..600 s\n");return 2;} if(c>2)prio=atoi(v[2]); if(c>3)thresh_ns=atol(v[3])*1000;
  int ncpu=sysconf(_SC_NPROCESSORS_ONLN); pthread_t t[64];
  for(long i=0;i<ncpu;i++)pthread_create(&t[i],0,run,(void*)i);
  for(int i=0;i<ncpu;i++)pthread_join(t[i],0); return 0;}
