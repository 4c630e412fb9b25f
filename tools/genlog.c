/* tools/genlog.c -- owns sluice's deterministic log generator: `genlog SIZE`
 * writes exactly SIZE bytes (suffix K/M/G = powers of 1024) of realistic,
 * LF-terminated log lines to stdout.  The line formats are modelled on the
 * Loghub samples (HDFS, Hadoop, Spark, Zookeeper, OpenSSH, Linux syslog,
 * Apache error log, BGL, Android, Proxifier).  Output depends only on SIZE:
 * a private xorshift64* PRNG with a fixed seed drives everything, and the
 * last line is shortened or padded so that its '\n' is byte SIZE.
 * Standalone C11 + POSIX write(2); no other dependency.
 *
 * Level mix: ~92.8% INFO-class, ~5% WARN/WARNING, ~2% ERROR, ~0.2% FATAL.
 * Usage errors print one "genlog: ..." line on stderr and exit 2; a closed
 * stdout (EPIPE) ends the program quietly with status 0.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------------ PRNG */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static inline uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

/* uniform in [0, n), n < 2^32 */
static inline uint32_t rndn(uint32_t n)
{
    return (uint32_t)(((rnd() >> 32) * (uint64_t)n) >> 32);
}

/* --------------------------------------------------------- number output */

static char d2[200];               /* "00".."99" */
static const char hexd[] = "0123456789abcdef";

static inline char *put2(char *p, unsigned v)
{
    memcpy(p, d2 + 2 * v, 2);
    return p + 2;
}

static inline char *put3(char *p, unsigned v)
{
    *p++ = (char)('0' + v / 100);
    return put2(p, v % 100);
}

static inline char *put6(char *p, unsigned v)
{
    p = put2(p, v / 10000);
    p = put2(p, (v / 100) % 100);
    return put2(p, v % 100);
}

static inline char *put4(char *p, unsigned v)
{
    p = put2(p, v / 100);
    return put2(p, v % 100);
}

/* number of decimal digits of v (1..10) */
static inline unsigned ndig(uint32_t v)
{
    static const uint32_t pow10[10] = { 1u, 10u, 100u, 1000u, 10000u, 100000u,
                                        1000000u, 10000000u, 100000000u, 1000000000u };
#if defined(__GNUC__)
    unsigned bits = 32u - (unsigned)__builtin_clz(v | 1u);
#else
    unsigned bits = 0;
    for (uint32_t t = v | 1u; t; t >>= 1) bits++;
#endif
    unsigned t = (bits * 1233u) >> 12;      /* ~ floor(log10(2^bits)) */
    return t + ((v | 1u) >= pow10[t]);      /* v = 0 has one digit too */
}

/* unsigned decimal, no padding: branch-light, always formats 10 digits and
 * copies the significant tail (p needs 16 bytes of slack, see MAXLINE) */
static inline char *putu(char *p, uint32_t v)
{
    char tmp[32];
    uint32_t hi = v / 100000000u, lo = v % 100000000u;
    uint32_t a = lo / 10000u, b = lo % 10000u;
    memcpy(tmp, d2 + 2 * hi, 2);
    memcpy(tmp + 2, d2 + 2 * (a / 100u), 2);
    memcpy(tmp + 4, d2 + 2 * (a % 100u), 2);
    memcpy(tmp + 6, d2 + 2 * (b / 100u), 2);
    memcpy(tmp + 8, d2 + 2 * (b % 100u), 2);
    unsigned n = ndig(v);
    memcpy(p, tmp + 10 - n, 16);
    return p + n;
}

/* zero-padded to width w (w <= 20) */
static inline char *putuw(char *p, uint64_t v, unsigned w)
{
    char *q = p + w;
    char *s = q;
    while (s > p) {
        *--s = (char)('0' + v % 10);
        v /= 10;
    }
    return q;
}

/* right-aligned in a field of width w, space padded */
static inline char *putur(char *p, uint32_t v, unsigned w)
{
    char tmp[40];
    char *e = putu(tmp, v);
    unsigned n = (unsigned)(e - tmp);
    while (n < w) {
        *p++ = ' ';
        w--;
    }
    memcpy(p, tmp, n);
    return p + n;
}

/* --------------------------------------------------------------- clock */

struct clock {
    unsigned year, mon, day, hour, min, sec, ms; /* mon 1..12 */
    unsigned wday;                               /* 0 = Sunday */
    uint64_t epoch;                              /* seconds, matches fields */
};

static struct clock clk = { 2015, 10, 18, 18, 1, 47, 978, 0, 1445191307ull };

static const unsigned mdays[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
static const char mon_abbr[13][4] = { "", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char wday_abbr[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };

static void clock_next_second(void)
{
    clk.epoch++;
    if (++clk.sec < 60) return;
    clk.sec = 0;
    if (++clk.min < 60) return;
    clk.min = 0;
    if (++clk.hour < 24) return;
    clk.hour = 0;
    clk.wday = (clk.wday + 1) % 7;
    unsigned md = mdays[clk.mon];
    if (clk.mon == 2 && clk.year % 4 == 0 && (clk.year % 100 != 0 || clk.year % 400 == 0))
        md = 29;
    if (++clk.day <= md) return;
    clk.day = 1;
    if (++clk.mon <= 12) return;
    clk.mon = 1;
    clk.year++;
}

static inline void clock_advance(void)
{
    uint32_t r = rndn(1024);
    unsigned step = r & 63;             /* 0..63 ms, mean ~31 */
    if (r >= 1020)
        step += 1000 + rndn(20000);     /* occasional quiet gap */
    clk.ms += step;
    while (clk.ms >= 1000) {
        clk.ms -= 1000;
        clock_next_second();
    }
}

/* ------------------------------------------------------------ templates
 *
 * A template is literal text with placeholders %{...}:
 *   %{lo-hi}   uniform decimal in [lo,hi]; a leading 0 on lo zero-pads to
 *              the width of lo (e.g. %{0001-0030})
 *   %{a|b|c}   one of the alternatives, literally
 *   %{ip}      10.25x.x.x cluster address       %{pubip} public IPv4
 *   %{blk}     HDFS block id blk_[-]NNNN...     %{port}  1024..65535
 *   %{xN}      N lowercase hex digits (N 1..16)
 *   %{user}    a user name                      %{host}  a host name
 *   %{pid}     a process id                     %{LVL}   level word
 */

enum { LV_INFO, LV_WARN, LV_ERROR, LV_FATAL, NLV };

enum fmt {
    F_HDFS, F_HADOOP, F_SPARK, F_ZK, F_SSH, F_LINUX, F_APACHE, F_BGL,
    F_ANDROID, F_PROXIFIER, NFMT
};

struct tdef {
    unsigned char fmt, lvl, weight;
    const char *text;
};

#define T(f, l, w, s) { f, l, w, s }

static const struct tdef tdefs[] = {
    /* ---------------------------------------------------------- HDFS */
    T(F_HDFS, LV_INFO, 6, "dfs.DataNode$PacketResponder: PacketResponder %{0-2} for block %{blk} terminating"),
    T(F_HDFS, LV_INFO, 6, "dfs.DataNode$PacketResponder: Received block %{blk} of size %{1024-67108864} from /%{ip}"),
    T(F_HDFS, LV_INFO, 6, "dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated: %{ip}:50010 is added to %{blk} size %{1024-67108864}"),
    T(F_HDFS, LV_INFO, 6, "dfs.DataNode$DataXceiver: Receiving block %{blk} src: /%{ip}:%{port} dest: /%{ip}:50010"),
    T(F_HDFS, LV_INFO, 3, "dfs.FSNamesystem: BLOCK* NameSystem.allocateBlock: /user/root/rand/_temporary/_task_200811092030_0001_m_%{000000-001999}_0/part-%{00000-01999}. %{blk}"),
    T(F_HDFS, LV_INFO, 2, "dfs.DataNode$DataTransfer: %{ip}:50010:Transmitted block %{blk} to /%{ip}:50010"),
    T(F_HDFS, LV_INFO, 3, "dfs.FSDataset: Deleting block %{blk} file /mnt/hadoop/dfs/data/current/subdir%{0-63}/%{blk}"),
    T(F_HDFS, LV_INFO, 2, "dfs.DataBlockScanner: Verification succeeded for %{blk}"),
    T(F_HDFS, LV_INFO, 1, "dfs.FSNamesystem: BLOCK* ask %{ip}:50010 to replicate %{blk} to datanode(s) %{ip}:50010"),
    T(F_HDFS, LV_INFO, 2, "dfs.FSNamesystem: BLOCK* NameSystem.delete: %{blk} is added to invalidSet of %{ip}:50010"),
    T(F_HDFS, LV_WARN, 4, "dfs.DataNode$DataXceiver: %{ip}:50010:Got exception while serving %{blk} to /%{ip}:"),
    T(F_HDFS, LV_WARN, 1, "dfs.DataNode$PacketResponder: IOException in BlockReceiver.run(): java.io.IOException: Connection reset by peer"),
    T(F_HDFS, LV_WARN, 1, "dfs.FSNamesystem: Not able to place enough replicas, still in need of %{1-2}"),
    T(F_HDFS, LV_WARN, 1, "dfs.DataNode: %{ip}:50010:Failed to transfer %{blk} to %{ip}:50010 got java.net.SocketException: Connection reset"),
    T(F_HDFS, LV_ERROR, 2, "dfs.DataNode$DataXceiver: %{ip}:50010:DataXceiver: java.io.IOException: Block %{blk} is valid, and cannot be written to."),
    T(F_HDFS, LV_ERROR, 1, "dfs.DataNode$BlockReceiver: Exception in receiveBlock for block %{blk} java.io.EOFException: while trying to read %{1-65557} bytes"),
    T(F_HDFS, LV_ERROR, 1, "dfs.DataNode: %{ip}:50010: writeBlock %{blk} received exception java.io.IOException: Could not read from stream"),
    T(F_HDFS, LV_FATAL, 1, "dfs.DataNode: Shutting down DataNode: disk failure on /mnt/hadoop/dfs/data%{0-3}"),
    T(F_HDFS, LV_FATAL, 1, "dfs.FSNamesystem: FSNamesystem initialization failed: java.io.IOException: NameNode is not formatted."),

    /* -------------------------------------------------------- Hadoop */
    T(F_HADOOP, LV_INFO, 2, "[main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application appattempt_1445144423722_%{0001-0030}_%{000001-000002}"),
    T(F_HADOOP, LV_INFO, 3, "[RMCommunicator Allocator] org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator: Recalculating schedule, headroom=<memory:%{0-20480}, vCores:%{0-30}>"),
    T(F_HADOOP, LV_INFO, 4, "[AsyncDispatcher event handler] org.apache.hadoop.mapreduce.v2.app.job.impl.TaskAttemptImpl: attempt_1445144423722_%{0001-0030}_m_%{000000-000020}_%{0-3} TaskAttempt Transitioned from %{NEW|UNASSIGNED|ASSIGNED|RUNNING} to %{UNASSIGNED|ASSIGNED|RUNNING|SUCCESS_CONTAINER_CLEANUP}"),
    T(F_HADOOP, LV_INFO, 5, "[IPC Server handler %{0-29} on %{40000-65000}] org.apache.hadoop.mapred.TaskAttemptListenerImpl: Progress of TaskAttempt attempt_1445144423722_%{0001-0030}_m_%{000000-000020}_0 is : 0.%{10000000-99999999}"),
    T(F_HADOOP, LV_INFO, 1, "[main] org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator: maxContainerCapability: <memory:8192, vCores:32>"),
    T(F_HADOOP, LV_INFO, 2, "[ContainerLauncher #%{0-9}] org.apache.hadoop.mapreduce.v2.app.launcher.ContainerLauncherImpl: Processing the event EventType: CONTAINER_REMOTE_LAUNCH for container container_1445144423722_%{0001-0030}_01_%{000001-000020}"),
    T(F_HADOOP, LV_INFO, 2, "[main] org.apache.hadoop.mapred.MapTask: Processing split: hdfs://msra-sa-41:9000/pageinput2.txt:%{0-1207959552}+134217728"),
    T(F_HADOOP, LV_INFO, 2, "[AsyncDispatcher event handler] org.apache.hadoop.mapreduce.v2.app.job.impl.JobImpl: Num completed Tasks: %{1-20}"),
    T(F_HADOOP, LV_INFO, 1, "[AsyncDispatcher event handler] org.apache.hadoop.mapreduce.v2.app.job.impl.JobImpl: Job job_1445144423722_%{0001-0030} completed: failedMaps:%{0-3} failedReduces:%{0-1} killedMaps:0"),
    T(F_HADOOP, LV_INFO, 2, "[main] org.apache.hadoop.mapred.MapTask: Spilling map output: kvstart = %{1000-26214396}(%{1000-104857584}); kvend = %{1000-26214396}(%{1000-104857584}); length = %{1000-6553600}/6553600"),
    T(F_HADOOP, LV_INFO, 1, "[fetcher#%{1-5}] org.apache.hadoop.mapreduce.task.reduce.Fetcher: fetcher#%{1-5} about to shuffle output of map attempt_1445144423722_%{0001-0030}_m_%{000000-000020}_0 decomp: %{10000-999999} len: %{10000-999999} to MEMORY"),
    T(F_HADOOP, LV_WARN, 3, "[LeaseRenewer:msrabi@msra-sa-41:9000] org.apache.hadoop.hdfs.LeaseRenewer: Failed to renew lease for [DFSClient_NONMAPREDUCE_%{1000000-2000000000}_1] for %{1-900} seconds.  Will retry shortly ..."),
    T(F_HADOOP, LV_WARN, 2, "[RMCommunicator Allocator] org.apache.hadoop.ipc.Client: Address change detected. Old: msra-sa-41/%{ip}:8030 New: msra-sa-41:8030"),
    T(F_HADOOP, LV_WARN, 1, "[main] org.apache.hadoop.util.NativeCodeLoader: Unable to load native-hadoop library for your platform... using builtin-java classes where applicable"),
    T(F_HADOOP, LV_WARN, 1, "[ResponseProcessor for block BP-%{1000000-2000000000}-%{ip}-1445076437777:blk_%{1073741825-1073999999}_%{1000-9999}] org.apache.hadoop.hdfs.DFSClient: Slow ReadProcessor read fields took %{30000-99999}ms (threshold=30000ms)"),
    T(F_HADOOP, LV_ERROR, 2, "[RMCommunicator Allocator] org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator: ERROR IN CONTACTING RM. "),
    T(F_HADOOP, LV_ERROR, 2, "[IPC Server handler %{0-29} on %{40000-65000}] org.apache.hadoop.mapred.TaskAttemptListenerImpl: Task: attempt_1445144423722_%{0001-0030}_m_%{000000-000020}_0 - exited : java.net.NoRouteToHostException: No Route to Host from MININT-FNANLI5/%{ip} to msra-sa-41:9000"),
    T(F_HADOOP, LV_ERROR, 1, "[main] org.apache.hadoop.mapred.YarnChild: Error running child : java.io.IOException: Spill failed"),
    T(F_HADOOP, LV_FATAL, 1, "[main] org.apache.hadoop.mapred.YarnChild: Error running child : java.lang.OutOfMemoryError: Java heap space"),
    T(F_HADOOP, LV_FATAL, 1, "[IPC Server handler %{0-29} on %{40000-65000}] org.apache.hadoop.mapred.TaskAttemptListenerImpl: Task: attempt_1445144423722_%{0001-0030}_m_%{000000-000020}_0 - failed due to FSError: java.io.IOException: No space left on device"),

    /* --------------------------------------------------------- Spark */
    T(F_SPARK, LV_INFO, 6, "executor.Executor: Finished task %{0-199}.0 in stage %{0-40}.0 (TID %{0-9999}). %{800-3000} bytes result sent to driver"),
    T(F_SPARK, LV_INFO, 5, "executor.CoarseGrainedExecutorBackend: Got assigned task %{0-9999}"),
    T(F_SPARK, LV_INFO, 5, "executor.Executor: Running task %{0-199}.0 in stage %{0-40}.0 (TID %{0-9999})"),
    T(F_SPARK, LV_INFO, 3, "storage.BlockManager: Found block rdd_%{0-99}_%{0-199} locally"),
    T(F_SPARK, LV_INFO, 3, "spark.CacheManager: Partition rdd_%{0-99}_%{0-199} not found, computing it"),
    T(F_SPARK, LV_INFO, 2, "storage.MemoryStore: Block broadcast_%{0-99} stored as values in memory (estimated size %{1-999}.%{0-9} KB, free %{100-999}.%{0-9} MB)"),
    T(F_SPARK, LV_INFO, 2, "broadcast.TorrentBroadcast: Reading broadcast variable %{0-99} took %{1-999} ms"),
    T(F_SPARK, LV_INFO, 2, "rdd.HadoopRDD: Input split: hdfs://10.10.34.11:9000/pjhe/test/%{1-9}/part-%{00000-00199}:%{0-9999999}+%{100000-9999999}"),
    T(F_SPARK, LV_INFO, 3, "python.PythonRunner: Times: total = %{10-9999}, boot = %{1-99}, init = %{1-999}, finish = %{0-99}"),
    T(F_SPARK, LV_INFO, 1, "spark.MapOutputTrackerWorker: Don't have map outputs for shuffle %{0-9}, fetching them"),
    T(F_SPARK, LV_INFO, 1, "storage.ShuffleBlockFetcherIterator: Getting %{1-200} non-empty blocks out of %{200-400} blocks"),
    T(F_SPARK, LV_INFO, 1, "scheduler.DAGScheduler: Resubmitting failed stages"),
    T(F_SPARK, LV_WARN, 2, "storage.BlockManager: Block rdd_%{0-99}_%{0-199} could not be removed as it was not found on disk or in memory"),
    T(F_SPARK, LV_WARN, 1, "executor.CoarseGrainedExecutorBackend: An unknown (%{host}:%{port}) driver disconnected."),
    T(F_SPARK, LV_WARN, 2, "scheduler.TaskSetManager: Lost task %{0-199}.0 in stage %{0-40}.0 (TID %{0-9999}, %{ip}): FetchFailed(BlockManagerId(%{1-9}, %{ip}, %{port}), shuffleId=%{0-9}, mapId=%{0-99}, reduceId=%{0-99})"),
    T(F_SPARK, LV_ERROR, 2, "executor.CoarseGrainedExecutorBackend: RECEIVED SIGNAL 15: SIGTERM"),
    T(F_SPARK, LV_ERROR, 2, "executor.Executor: Exception in task %{0-199}.0 in stage %{0-40}.0 (TID %{0-9999}): java.io.IOException: Failed to connect to /%{ip}:%{port}"),
    T(F_SPARK, LV_ERROR, 1, "storage.DiskBlockObjectWriter: Uncaught exception while reverting partial writes to file /opt/hdfs/nodemanager/usercache/curi/appcache/application_1485248649253_%{0001-0200}/blockmgr-%{x8}-%{x4}/%{x2}/temp_shuffle_%{x8}"),
    T(F_SPARK, LV_FATAL, 1, "util.SparkUncaughtExceptionHandler: Uncaught exception in thread Thread[Executor task launch worker-%{0-9},5,main] java.lang.OutOfMemoryError: GC overhead limit exceeded"),
    T(F_SPARK, LV_FATAL, 1, "executor.CoarseGrainedExecutorBackend: Driver %{ip}:%{port} disassociated! Shutting down."),

    /* ----------------------------------------------------- Zookeeper */
    T(F_ZK, LV_INFO, 2, "[QuorumPeer[myid=%{1-3}]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: %{200-60000}"),
    T(F_ZK, LV_INFO, 2, "[/10.10.34.%{11-13}:3888:QuorumCnxManager$Listener@493] - Received connection request /10.10.34.%{11-40}:%{port}"),
    T(F_ZK, LV_INFO, 4, "[NIOServerCxn.Factory:0.0.0.0/0.0.0.0:2181:NIOServerCnxnFactory@197] - Accepted socket connection from /10.10.34.%{11-40}:%{port}"),
    T(F_ZK, LV_INFO, 3, "[NIOServerCxn.Factory:0.0.0.0/0.0.0.0:2181:ZooKeeperServer@839] - Client attempting to establish new session at /10.10.34.%{11-40}:%{port}"),
    T(F_ZK, LV_INFO, 3, "[CommitProcessor:%{1-3}:ZooKeeperServer@595] - Established session 0x%{x14} with negotiated timeout %{10000-40000} for client /10.10.34.%{11-40}:%{port}"),
    T(F_ZK, LV_INFO, 4, "[NIOServerCxn.Factory:0.0.0.0/0.0.0.0:2181:NIOServerCnxn@1001] - Closed socket connection for client /10.10.34.%{11-40}:%{port} which had sessionid 0x%{x14}"),
    T(F_ZK, LV_INFO, 2, "[ProcessThread(sid:%{1-3} cport:-1)::PrepRequestProcessor@476] - Processed session termination for sessionid: 0x%{x14}"),
    T(F_ZK, LV_INFO, 1, "[SyncThread:%{1-3}:FileTxnLog@199] - Creating new log file: log.%{x9}"),
    T(F_ZK, LV_WARN, 2, "[SendWorker:188978561024:QuorumCnxManager$SendWorker@688] - Send worker leaving thread"),
    T(F_ZK, LV_WARN, 2, "[SendWorker:188978561024:QuorumCnxManager$SendWorker@679] - Interrupted while waiting for message on queue"),
    T(F_ZK, LV_WARN, 3, "[NIOServerCxn.Factory:0.0.0.0/0.0.0.0:2181:NIOServerCnxn@349] - caught end of stream exception"),
    T(F_ZK, LV_WARN, 1, "[RecvWorker:188978561024:QuorumCnxManager$RecvWorker@765] - Interrupting SendWorker"),
    T(F_ZK, LV_WARN, 1, "[QuorumPeer[myid=%{1-3}]/0:0:0:0:0:0:0:0:2181:Follower@89] - Exception when following the leader"),
    T(F_ZK, LV_ERROR, 2, "[CommitProcessor:%{1-3}:NIOServerCnxn@180] - Unexpected Exception: java.nio.channels.CancelledKeyException"),
    T(F_ZK, LV_ERROR, 1, "[LearnerHandler-/10.10.34.%{11-13}:%{port}:LearnerHandler@562] - Unexpected exception causing shutdown while sock still open"),
    T(F_ZK, LV_ERROR, 2, "[QuorumPeer[myid=%{1-3}]/0:0:0:0:0:0:0:0:2181:QuorumCnxManager@384] - Cannot open channel to %{1-3} at election address /10.10.34.%{11-13}:3888"),
    T(F_ZK, LV_FATAL, 1, "[QuorumPeer[myid=%{1-3}]/0:0:0:0:0:0:0:0:2181:QuorumPeer@747] - Unable to load database on disk: Leader election failed"),

    /* ------------------------------------------------------- OpenSSH */
    T(F_SSH, LV_INFO, 3, "Accepted password for %{user} from %{pubip} port %{port} ssh2"),
    T(F_SSH, LV_INFO, 4, "Received disconnect from %{pubip}: 11: Bye Bye [preauth]"),
    T(F_SSH, LV_INFO, 3, "pam_unix(sshd:session): session opened for user %{user} by (uid=0)"),
    T(F_SSH, LV_INFO, 3, "pam_unix(sshd:session): session closed for user %{user}"),
    T(F_SSH, LV_INFO, 3, "Connection closed by %{pubip} [preauth]"),
    T(F_SSH, LV_INFO, 3, "input_userauth_request: invalid user %{user} [preauth]"),
    T(F_SSH, LV_INFO, 3, "Invalid user %{user} from %{pubip}"),
    T(F_SSH, LV_INFO, 2, "pam_unix(sshd:auth): check pass; user unknown"),
    T(F_SSH, LV_INFO, 1, "Server listening on 0.0.0.0 port 22."),
    T(F_SSH, LV_INFO, 2, "Failed password for invalid user %{user} from %{pubip} port %{port} ssh2"),
    T(F_SSH, LV_WARN, 3, "reverse mapping checking getaddrinfo for %{host}.%{com|net|org|cn|ru} [%{pubip}] failed - POSSIBLE BREAK-IN ATTEMPT!"),
    T(F_SSH, LV_WARN, 2, "Did not receive identification string from %{pubip}"),
    T(F_SSH, LV_WARN, 2, "PAM %{2-5} more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=%{pubip}  user=root"),
    T(F_SSH, LV_WARN, 1, "Disconnecting: Too many authentication failures for %{user} [preauth]"),
    T(F_SSH, LV_ERROR, 3, "Failed password for %{user} from %{pubip} port %{port} ssh2"),
    T(F_SSH, LV_ERROR, 2, "Failed password for invalid user %{user} from %{pubip} port %{port} ssh2"),
    T(F_SSH, LV_ERROR, 2, "error: Received disconnect from %{pubip}: 3: com.jcraft.jsch.JSchException: Auth fail [preauth]"),
    T(F_SSH, LV_ERROR, 2, "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=%{pubip}  user=%{user}"),
    T(F_SSH, LV_FATAL, 1, "fatal: Write failed: Connection reset by peer [preauth]"),
    T(F_SSH, LV_FATAL, 1, "fatal: Read from socket failed: Connection reset by peer [preauth]"),

    /* -------------------------------------------------- Linux syslog */
    T(F_LINUX, LV_INFO, 3, "sshd(pam_unix)[%{pid}]: session opened for user %{user} by (uid=0)"),
    T(F_LINUX, LV_INFO, 3, "su(pam_unix)[%{pid}]: session opened for user cyrus by (uid=0)"),
    T(F_LINUX, LV_INFO, 3, "su(pam_unix)[%{pid}]: session closed for user cyrus"),
    T(F_LINUX, LV_INFO, 3, "ftpd[%{pid}]: connection from %{pubip} (%{host}.%{com|net|org|cn|ru}) at %{Mon|Tue|Wed|Thu|Fri|Sat|Sun} %{Jun|Jul} %{10-28} %{10-23}:%{10-59}:%{10-59} 2005"),
    T(F_LINUX, LV_INFO, 2, "kernel: Memory: %{100000-129000}k/129720k available (%{1000-9999}k kernel code, %{1000-99999}k reserved, %{100-9999}k data, %{100-999}k init, 0k highmem)"),
    T(F_LINUX, LV_INFO, 1, "syslogd 1.4.1: restart."),
    T(F_LINUX, LV_INFO, 2, "xinetd[%{pid}]: START: ftp pid=%{pid} from=%{pubip}"),
    T(F_LINUX, LV_INFO, 1, "cups: cupsd startup succeeded"),
    T(F_LINUX, LV_INFO, 3, "crond(pam_unix)[%{pid}]: session opened for user root by (uid=0)"),
    T(F_LINUX, LV_INFO, 2, "sshd(pam_unix)[%{pid}]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=%{pubip}  user=%{user}"),
    T(F_LINUX, LV_INFO, 1, "kernel: Linux version 2.6.5-1.358 (bhcompile@bugs.build.redhat.com) (gcc version 3.3.3 20040412 (Red Hat Linux 3.3.3-7)) #1 Sat May 8 09:04:50 EDT 2004"),
    T(F_LINUX, LV_WARN, 2, "kernel: WARNING: ACPI: unable to locate IRQ %{0-15} for PCI device 0000:00:%{10-31}.%{0-7}"),
    T(F_LINUX, LV_WARN, 2, "sshd(pam_unix)[%{pid}]: check pass; user unknown"),
    T(F_LINUX, LV_WARN, 1, "named[%{pid}]: warning: %{host}.%{com|net|org} resolving: connection timed out"),
    T(F_LINUX, LV_ERROR, 3, "sshd(pam_unix)[%{pid}]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=%{pubip}"),
    T(F_LINUX, LV_ERROR, 1, "kernel: end_request: I/O error, dev hda, sector %{100000-99999999}"),
    T(F_LINUX, LV_ERROR, 1, "ftpd[%{pid}]: getpeername (ftpd): Transport endpoint is not connected"),
    T(F_LINUX, LV_FATAL, 1, "kernel: Kernel panic - not syncing: Fatal exception in interrupt"),
    T(F_LINUX, LV_FATAL, 1, "kernel: Out of Memory: Killed process %{pid} (httpd)."),

    /* ------------------------------------------------ Apache errlog */
    T(F_APACHE, LV_INFO, 4, "workerEnv.init() ok /etc/httpd/conf/workers2.properties"),
    T(F_APACHE, LV_INFO, 6, "jk2_init() Found child %{1000-32000} in scoreboard slot %{0-12}"),
    T(F_APACHE, LV_INFO, 1, "Digest: generating secret for digest authentication ..."),
    T(F_APACHE, LV_INFO, 1, "Apache/2.0.52 (Red Hat) configured -- resuming normal operations"),
    T(F_APACHE, LV_INFO, 2, "[client %{pubip}] request GET /%{index.html|robots.txt|favicon.ico|cgi-bin/awstats.pl} took %{1-999} ms"),
    T(F_APACHE, LV_WARN, 2, "[client %{pubip}] File does not exist: /var/www/html/%{robots.txt|favicon.ico|sumthin|scripts/..%255c%255c../winnt/system32/cmd.exe}"),
    T(F_APACHE, LV_WARN, 1, "child process %{1000-32000} still did not exit, sending a SIGTERM"),
    T(F_APACHE, LV_ERROR, 2, "mod_jk child workerEnv in error state %{6-9}"),
    T(F_APACHE, LV_ERROR, 2, "[client %{pubip}] Directory index forbidden by rule: /var/www/html/"),
    T(F_APACHE, LV_ERROR, 1, "[client %{pubip}] script not found or unable to stat: /var/www/cgi-bin/%{awstats|awstats.pl|formmail.pl}"),
    T(F_APACHE, LV_FATAL, 1, "(28)No space left on device: Couldn't create accept lock"),

    /* ------------------------------------------------------------ BGL */
    T(F_BGL, LV_INFO, 5, "KERNEL %{LVL} instruction cache parity error corrected"),
    T(F_BGL, LV_INFO, 2, "KERNEL %{LVL} generating core.%{1000-9999}"),
    T(F_BGL, LV_INFO, 3, "KERNEL %{LVL} %{1-9999} double-hummer alignment exceptions"),
    T(F_BGL, LV_INFO, 3, "KERNEL %{LVL} CE sym %{0-31}, at 0x%{x8}, mask 0x%{x2}"),
    T(F_BGL, LV_INFO, 1, "KERNEL %{LVL} total of %{1-99} ddr error(s) detected and corrected"),
    T(F_BGL, LV_INFO, 2, "APP %{LVL} ciod: generated %{1-512} core files for program /bgl/apps/scaletest/performance/MINIBEN/mb_243_0810/allreduce.rts"),
    T(F_BGL, LV_WARN, 1, "KERNEL %{LVL} ciod: Message code %{0-9} is not %{51|42} or 4294967295"),
    T(F_BGL, LV_WARN, 1, "MONITOR %{LVL} monitor caught java.lang.IllegalStateException: while executing query on node R%{00-47}-M%{0-1}-L%{0-3}-U%{10-20}-C"),
    T(F_BGL, LV_ERROR, 2, "KERNEL %{LVL} data storage interrupt"),
    T(F_BGL, LV_ERROR, 1, "MMCS %{LVL} idoproxydb hit ASSERT condition: ASSERT expression=0 Source file=idotransportmgr.cpp Source line=%{1000-1999}"),
    T(F_BGL, LV_FATAL, 2, "APP %{LVL} ciod: failed to read message prefix on control stream (CioStream socket to %{ip}:%{port}"),
    T(F_BGL, LV_FATAL, 1, "KERNEL %{LVL} data TLB error interrupt"),
    T(F_BGL, LV_FATAL, 1, "KERNEL %{LVL} machine check interrupt"),

    /* -------------------------------------------------------- Android */
    T(F_ANDROID, LV_INFO, 4, "PowerManagerService: acquire lock=%{10000000-999999999}, flags=0x%{1-9}, tag=\"View Lock\", name=com.android.systemui, ws=null, uid=%{10000-10200}, pid=%{pid}"),
    T(F_ANDROID, LV_INFO, 3, "PowerManagerService: release:lock=%{10000000-999999999}, flg=0x0, tag=\"RILJ_ACK_WL\", name=com.android.phone\", ws=null, uid=1001, pid=%{pid}"),
    T(F_ANDROID, LV_INFO, 2, "ActivityManager: Start proc %{pid}:com.tencent.mm:%{push|tools|exdevice}/u0a%{10-200} for service com.tencent.mm/.booter.NotifyReceiver"),
    T(F_ANDROID, LV_INFO, 2, "DisplayPowerController: Animating brightness: target=%{0-255}, rate=%{40-200}"),
    T(F_ANDROID, LV_INFO, 2, "SendBroadcastPermission: action:android.intent.action.SCREEN_%{ON|OFF}, mPermissionType:0"),
    T(F_ANDROID, LV_INFO, 2, "ActivityManager: ActivityManagerService,attachApplication,callingPid = %{pid}"),
    T(F_ANDROID, LV_INFO, 1, "StatusBar: Click to use battery saver, level: %{1-100}"),
    T(F_ANDROID, LV_INFO, 2, "WindowManager: Skipping AppWindowToken{%{x7} token=Token{%{x7} ActivityRecord{%{x7} u0 com.tencent.qt.qtl/.activity.info.NewsDetailXmlActivity t%{100-999}}}} -- going to hide"),
    T(F_ANDROID, LV_WARN, 2, "ActivityManager: Unable to start service Intent { act=com.tencent.mm.plugin.%{x6} } U=0: not found"),
    T(F_ANDROID, LV_WARN, 2, "InputMethodManagerService: Window already focused, ignoring focus gain of: com.android.internal.view.IInputMethodClient$Stub$Proxy@%{x7} attribute=null, token = android.os.BinderProxy@%{x7}"),
    T(F_ANDROID, LV_ERROR, 2, "AndroidRuntime: Process: com.tencent.mm, PID: %{pid}"),
    T(F_ANDROID, LV_ERROR, 1, "AudioTrack: AudioFlinger could not create track, status: -12"),
    T(F_ANDROID, LV_ERROR, 1, "wpa_supplicant: wlan0: failed to initiate AP scan"),
    T(F_ANDROID, LV_FATAL, 1, "libc: Fatal signal 11 (SIGSEGV), code 1, fault addr 0x%{x8} in tid %{pid} (RenderThread)"),

    /* ------------------------------------------------------ Proxifier */
    T(F_PROXIFIER, LV_INFO, 3, "%{chrome.exe|Dropbox.exe|WeChat.exe|YodaoDict.exe|svchost.exe *64} - %{host}.%{com|net|org}:%{80|443} open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS"),
    T(F_PROXIFIER, LV_INFO, 3, "%{chrome.exe|Dropbox.exe|WeChat.exe|YodaoDict.exe|svchost.exe *64} - %{host}.%{com|net|org}:%{80|443} close, %{0-99999} bytes sent, %{0-999999} bytes (%{1-999}.%{10-99} KB) received, lifetime %{00-02}:%{00-59}"),
    T(F_PROXIFIER, LV_WARN, 1, "%{chrome.exe|Dropbox.exe|WeChat.exe} - %{host}.%{com|net|org}:443 error : A connection request was canceled before the completion."),
    T(F_PROXIFIER, LV_ERROR, 1, "%{chrome.exe|Dropbox.exe|WeChat.exe} - %{host}.%{com|net|org}:443 error : Could not connect through proxy proxy.cse.cuhk.edu.hk:5070 - Proxy server cannot establish a connection with the target, status code 404"),
};

#define NTDEFS (sizeof tdefs / sizeof tdefs[0])

/* relative frequency of each format */
static const unsigned fmt_weight[NFMT] = {
    [F_HDFS] = 16, [F_HADOOP] = 10, [F_SPARK] = 14, [F_ZK] = 10, [F_SSH] = 13,
    [F_LINUX] = 9, [F_APACHE] = 9, [F_BGL] = 7, [F_ANDROID] = 8, [F_PROXIFIER] = 4,
};

static const char *const users[] = {
    "root", "admin", "test", "oracle", "guest", "user", "ftpuser", "postgres",
    "ubuntu", "git", "pi", "nagios", "support", "webmaster", "fztu", "curi",
    "mysql", "www", "backup", "jenkins",
};
static const char *const hosts[] = {
    "ns.marryaldkfaczcz", "dsl-189-188-74-79.prod-infinitum", "mail.gw-dyn",
    "static-186-90-106-150.mx", "218-188-2-4.hinet-ip.hinet", "msra-sa-41",
    "proxy.cse.cuhk.edu", "www.google", "mtalk.google", "api.weibo",
    "p3-buy.itunes.apple", "ssl.gstatic", "cache.cdn-node07", "imap.example",
};

enum opk {
    OP_END, OP_RANGE, OP_CHOICE, OP_IP, OP_PUBIP, OP_BLK, OP_PORT, OP_HEX,
    OP_USER, OP_HOST, OP_PID, OP_LVL
};

struct choice { const char *s; unsigned len; };

struct op {
    const char *lit;            /* literal text emitted before the op */
    unsigned litlen;
    unsigned char kind;
    unsigned char width;        /* zero-pad width (RANGE) or digits (HEX) */
    unsigned nchoice;
    uint64_t lo, span;          /* RANGE: lo + rndn(span) */
    struct choice *choice;
};

struct tmpl { struct op *ops; };

struct pool {
    struct tmpl **pick;         /* weighted pick table */
    unsigned npick;
};

static struct pool pools[NFMT][NLV];
static struct choice user_s[sizeof users / sizeof users[0]];
static struct choice host_s[sizeof hosts / sizeof hosts[0]];
enum { LS_JAVA, LS_BGL, LS_APACHE, LS_ZK, NLS };
static const char *const lvl_names[NLS][NLV] = {
    { "INFO", "WARN", "ERROR", "FATAL" },
    { "INFO", "WARNING", "ERROR", "FATAL" },
    { "notice", "warn", "error", "emerg" },
    { "INFO  ", "WARN  ", "ERROR ", "FATAL " },
};
static struct choice lvl_s[NLS][NLV];
static const char *const ws[4] = { " ", "  ", "\t", " \t" };
static const char *const bgl_tags[4] = { "KERNDTLB", "APPREAD", "KERNMC", "APPSEV" };
static struct choice ws_s[4], bgl_tag_s[4];
static unsigned fmt_pick[128];
static unsigned fmt_npick;

static _Noreturn void die_internal(const char *what, const char *text)
{
    fprintf(stderr, "genlog: internal error: %s in template \"%s\"\n", what, text);
    exit(70);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fputs("genlog: out of memory\n", stderr);
        exit(71);
    }
    return p;
}

/* All text that is copied into the output (template literals, choices,
 * names, level words) lives in this arena, which has slack at the end, so
 * that fastcpy() may read (and write) in whole 16-byte chunks. */
static char *arena;
static size_t arena_len, arena_cap;

static struct choice mkstr(const char *s, size_t n)
{
    if (arena_len + n + 1 + 64 > arena_cap) {
        fputs("genlog: internal error: arena too small\n", stderr);
        exit(70);
    }
    struct choice c = { arena + arena_len, (unsigned)n };
    memcpy(arena + arena_len, s, n);
    arena[arena_len + n] = '\0';
    arena_len += n + 1;
    return c;
}

static inline char *fastcpy(char *p, const char *s, unsigned n)
{
    char *e = p + n;
    memcpy(p, s, 32);             /* common case: one unconditional 32-byte copy */
    while (n > 32) {
        p += 32;
        s += 32;
        n -= 32;
        memcpy(p, s, 32);
    }
    return e;
}

static int parse_u64(const char *s, const char *e, uint64_t *out)
{
    uint64_t v = 0;
    if (s == e) return 0;
    for (; s < e; s++) {
        if (*s < '0' || *s > '9') return 0;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = v;
    return 1;
}

static struct tmpl *compile(const char *orig)
{
    const char *text = mkstr(orig, strlen(orig)).s;
    size_t cap = 4;
    for (const char *q = text; *q; q++)
        if (*q == '%') cap++;
    struct op *ops = xmalloc(cap * sizeof *ops);
    size_t n = 0;
    const char *p = text;
    for (;;) {
        struct op *o = &ops[n++];
        memset(o, 0, sizeof *o);
        o->lit = p;
        const char *ph = strstr(p, "%{");
        if (!ph) {
            o->litlen = (unsigned)strlen(p);
            o->kind = OP_END;
            break;
        }
        o->litlen = (unsigned)(ph - p);
        const char *a = ph + 2;
        const char *b = strchr(a, '}');
        if (!b) die_internal("unterminated %{", text);
        size_t len = (size_t)(b - a);
#define IS(w) (len == sizeof(w) - 1 && memcmp(a, w, len) == 0)
        if (IS("ip")) o->kind = OP_IP;
        else if (IS("pubip")) o->kind = OP_PUBIP;
        else if (IS("blk")) o->kind = OP_BLK;
        else if (IS("port")) o->kind = OP_PORT;
        else if (IS("user")) o->kind = OP_USER;
        else if (IS("host")) o->kind = OP_HOST;
        else if (IS("pid")) o->kind = OP_PID;
        else if (IS("LVL")) o->kind = OP_LVL;
        else if (a[0] == 'x' && len >= 2 && len <= 3 && a[1] >= '0' && a[1] <= '9') {
            uint64_t w;
            if (!parse_u64(a + 1, b, &w) || w < 1 || w > 16) die_internal("bad hex width", text);
            o->kind = OP_HEX;
            o->width = (unsigned char)w;
        } else if (memchr(a, '|', len)) {
            unsigned k = 1;
            for (const char *q = a; q < b; q++) k += (*q == '|');
            o->kind = OP_CHOICE;
            o->nchoice = k;
            o->choice = xmalloc(k * sizeof *o->choice);
            const char *s = a;
            for (unsigned i = 0; i < k; i++) {
                const char *e = memchr(s, '|', (size_t)(b - s));
                if (!e) e = b;
                o->choice[i].s = s;
                o->choice[i].len = (unsigned)(e - s);
                s = e + 1;
            }
        } else {
            const char *dash = memchr(a, '-', len);
            uint64_t lo = 0, hi = 0;
            if (!dash || !parse_u64(a, dash, &lo) || !parse_u64(dash + 1, b, &hi) || hi < lo
                || hi > 0xFFFFFFFEull)
                die_internal("bad placeholder", text);
            o->kind = OP_RANGE;
            o->lo = lo;
            o->span = hi - lo + 1;
            o->width = (a[0] == '0' && dash - a > 1) ? (unsigned char)(dash - a) : 0;
        }
#undef IS
        p = b + 1;
    }
    struct tmpl *t = xmalloc(sizeof *t);
    t->ops = ops;
    return t;
}

static void build_tables(void)
{
    for (unsigned v = 0; v < 100; v++) {
        d2[2 * v] = (char)('0' + v / 10);
        d2[2 * v + 1] = (char)('0' + v % 10);
    }
    arena_cap = 64 * 1024;
    arena = xmalloc(arena_cap);
    arena_len = 0;
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
        user_s[i] = mkstr(users[i], strlen(users[i]));
    for (size_t i = 0; i < sizeof hosts / sizeof hosts[0]; i++)
        host_s[i] = mkstr(hosts[i], strlen(hosts[i]));
    for (unsigned i = 0; i < NLS; i++)
        for (unsigned l = 0; l < NLV; l++)
            lvl_s[i][l] = mkstr(lvl_names[i][l], strlen(lvl_names[i][l]));
    for (unsigned i = 0; i < 4; i++) {
        ws_s[i] = mkstr(ws[i], strlen(ws[i]));
        bgl_tag_s[i] = mkstr(bgl_tags[i], strlen(bgl_tags[i]));
    }
    unsigned cnt[NFMT][NLV] = { { 0 } };
    struct tmpl **compiled = xmalloc(NTDEFS * sizeof *compiled);
    for (size_t i = 0; i < NTDEFS; i++) {
        compiled[i] = compile(tdefs[i].text);
        cnt[tdefs[i].fmt][tdefs[i].lvl] += tdefs[i].weight;
    }
    for (unsigned f = 0; f < NFMT; f++)
        for (unsigned l = 0; l < NLV; l++) {
            pools[f][l].pick = cnt[f][l] ? xmalloc(cnt[f][l] * sizeof(struct tmpl *)) : NULL;
            pools[f][l].npick = 0;
        }
    for (size_t i = 0; i < NTDEFS; i++) {
        struct pool *pl = &pools[tdefs[i].fmt][tdefs[i].lvl];
        for (unsigned w = 0; w < tdefs[i].weight; w++)
            pl->pick[pl->npick++] = compiled[i];
    }
    free(compiled);
    fmt_npick = 0;
    for (unsigned f = 0; f < NFMT; f++)
        for (unsigned w = 0; w < fmt_weight[f]; w++)
            fmt_pick[fmt_npick++] = f;
}

/* ---------------------------------------------------------- rendering */


static unsigned cur_fmt, cur_lvl;

static inline char *putc_(char *p, struct choice c)
{
    return fastcpy(p, c.s, c.len);
}

static inline char *put_ip(char *p)
{
    uint64_t r = rnd();
    memcpy(p, "10.25", 5);
    p[5] = (char)('0' + ((r >> 63) & 1));
    p[6] = '.';
    p = putu(p + 7, (uint32_t)(r >> 8) & 0xff);
    *p++ = '.';
    return putu(p, (uint32_t)(r >> 16) & 0xff);
}

static inline char *put_pubip(char *p)
{
    uint64_t r = rnd();
    p = putu(p, 1 + (uint32_t)((r >> 8) & 0xff) % 223);
    *p++ = '.';
    p = putu(p, (uint32_t)(r >> 16) & 0xff);
    *p++ = '.';
    p = putu(p, (uint32_t)(r >> 24) & 0xff);
    *p++ = '.';
    return putu(p, 1 + (uint32_t)((r >> 32) & 0xff) % 254);
}

static char *render(char *p, const struct tmpl *t)
{
    for (const struct op *o = t->ops;; o++) {
        p = fastcpy(p, o->lit, o->litlen);
        switch (o->kind) {
        case OP_END:
            return p;
        case OP_RANGE: {
            uint32_t v = (uint32_t)(o->lo + rndn((uint32_t)o->span));
            p = o->width ? putuw(p, v, o->width) : putu(p, v);
            break;
        }
        case OP_CHOICE: {
            const struct choice *c = &o->choice[rndn(o->nchoice)];
            p = fastcpy(p, c->s, c->len);
            break;
        }
        case OP_IP:
            p = put_ip(p);
            break;
        case OP_PUBIP:
            p = put_pubip(p);
            break;
        case OP_BLK: {
            /* blk_[-]DDDDDDDDDDDDDDDDDD[D]: 18-19 random digits */
            uint64_t r = rnd(), x = rnd();
            memcpy(p, "blk_-", 5);
            p += 4 + (r & 1);
            *p = (char)('1' + ((r >> 8) & 0xff) % 9);
            for (unsigned i = 0; i < 9; i++, x >>= 7)
                memcpy(p + 1 + 2 * i, d2 + 2 * (((x & 127) * 100) >> 7), 2);
            p += 18 + ((r >> 1) & 1);
            break;
        }
        case OP_PORT:
            p = putu(p, 1024 + rndn(64512));
            break;
        case OP_HEX: {
            uint64_t r = rnd();
            for (unsigned i = 0; i < o->width; i++, r >>= 4)
                *p++ = hexd[r & 15];
            break;
        }
        case OP_USER:
            p = putc_(p, user_s[rndn(sizeof users / sizeof users[0])]);
            break;
        case OP_HOST:
            p = putc_(p, host_s[rndn(sizeof hosts / sizeof hosts[0])]);
            break;
        case OP_PID:
            p = putu(p, 300 + rndn(32000));
            break;
        case OP_LVL:
            p = putc_(p, lvl_s[cur_fmt == F_BGL ? LS_BGL : LS_JAVA][cur_lvl]);
            break;
        }
    }
}

/* "2015-10-18 18:01:47" */
static inline char *put_iso(char *p, char dsep, char mid)
{
    p = put4(p, clk.year);
    *p++ = dsep;
    p = put2(p, clk.mon);
    *p++ = dsep;
    p = put2(p, clk.day);
    *p++ = mid;
    p = put2(p, clk.hour);
    *p++ = ':';
    p = put2(p, clk.min);
    *p++ = ':';
    return put2(p, clk.sec);
}

static inline char *put_hms(char *p, char sep)
{
    p = put2(p, clk.hour);
    *p++ = sep;
    p = put2(p, clk.min);
    *p++ = sep;
    return put2(p, clk.sec);
}

/* "Dec 10 06:55:46 " / "Jul  1 00:21:28 " */
static inline char *put_syslog(char *p)
{
    memcpy(p, mon_abbr[clk.mon], 3);
    p[3] = ' ';
    if (clk.day < 10) {
        p[4] = ' ';
        p[5] = (char)('0' + clk.day);
    } else {
        put2(p + 4, clk.day);
    }
    p[6] = ' ';
    p = put_hms(p + 7, ':');
    *p++ = ' ';
    return p;
}

/* Per-second header prefixes, rebuilt only when the clock's second changes. */
enum { HC_HDFS, HC_ISO, HC_SPARK, HC_SSH, HC_LINUX, HC_APACHE, HC_BGL1, HC_BGL2,
       HC_ANDROID, HC_PROX, NHC };
static struct { char s[48]; unsigned n; } hc[NHC];   /* n <= 32 */
static uint64_t hc_epoch = UINT64_MAX;

static void hc_set(unsigned i, const char *s, const char *e)
{
    hc[i].n = (unsigned)(e - s);
}

static void hc_rebuild(void)
{
    char *p;
    p = hc[HC_HDFS].s;                      /* "081109 203615 " */
    p = put2(p, clk.year % 100);
    p = put2(p, clk.mon);
    p = put2(p, clk.day);
    *p++ = ' ';
    p = put2(p, clk.hour);
    p = put2(p, clk.min);
    p = put2(p, clk.sec);
    *p++ = ' ';
    hc_set(HC_HDFS, hc[HC_HDFS].s, p);

    p = put_iso(hc[HC_ISO].s, '-', ' ');    /* "2015-10-18 18:01:47," */
    *p++ = ',';
    hc_set(HC_ISO, hc[HC_ISO].s, p);

    p = hc[HC_SPARK].s;                     /* "17/06/09 20:10:40 " */
    p = put2(p, clk.year % 100);
    *p++ = '/';
    p = put2(p, clk.mon);
    *p++ = '/';
    p = put2(p, clk.day);
    *p++ = ' ';
    p = put_hms(p, ':');
    *p++ = ' ';
    hc_set(HC_SPARK, hc[HC_SPARK].s, p);

    p = put_syslog(hc[HC_SSH].s);           /* "Dec 10 06:55:46 LabSZ sshd[" */
    memcpy(p, "LabSZ sshd[", 11);
    hc_set(HC_SSH, hc[HC_SSH].s, p + 11);

    p = put_syslog(hc[HC_LINUX].s);         /* "Jun 14 15:16:01 combo " */
    memcpy(p, "combo ", 6);
    hc_set(HC_LINUX, hc[HC_LINUX].s, p + 6);

    p = hc[HC_APACHE].s;                    /* "[Sun Dec 04 04:47:44 2005] [" */
    *p++ = '[';
    memcpy(p, wday_abbr[clk.wday], 3);
    p[3] = ' ';
    memcpy(p + 4, mon_abbr[clk.mon], 3);
    p[7] = ' ';
    p = put2(p + 8, clk.day);
    *p++ = ' ';
    p = put_hms(p, ':');
    *p++ = ' ';
    p = put4(p, clk.year);
    memcpy(p, "] [", 3);
    hc_set(HC_APACHE, hc[HC_APACHE].s, p + 3);

    p = hc[HC_BGL1].s;                      /* " 1117838570 2005.06.03 " */
    *p++ = ' ';
    p = putu(p, (uint32_t)(clk.epoch - 327600000ull));   /* BGL-era epoch look */
    *p++ = ' ';
    p = put4(p, clk.year);
    *p++ = '.';
    p = put2(p, clk.mon);
    *p++ = '.';
    p = put2(p, clk.day);
    *p++ = ' ';
    hc_set(HC_BGL1, hc[HC_BGL1].s, p);

    p = put_iso(hc[HC_BGL2].s, '-', '-');   /* "2005-06-03-15.42.50." */
    p[-6] = '.';
    p[-3] = '.';
    *p++ = '.';
    hc_set(HC_BGL2, hc[HC_BGL2].s, p);

    p = hc[HC_ANDROID].s;                   /* "03-17 16:13:38." */
    p = put2(p, clk.mon);
    *p++ = '-';
    p = put2(p, clk.day);
    *p++ = ' ';
    p = put_hms(p, ':');
    *p++ = '.';
    hc_set(HC_ANDROID, hc[HC_ANDROID].s, p);

    p = hc[HC_PROX].s;                      /* "[10.30 16:49:06] " */
    *p++ = '[';
    p = put2(p, clk.mon);
    *p++ = '.';
    p = put2(p, clk.day);
    *p++ = ' ';
    p = put_hms(p, ':');
    *p++ = ']';
    *p++ = ' ';
    hc_set(HC_PROX, hc[HC_PROX].s, p);

    hc_epoch = clk.epoch;
}

static inline char *put_hc(char *p, unsigned i)
{
    return fastcpy(p, hc[i].s, hc[i].n);
}

static unsigned ssh_pid = 24200;

static char *header(char *p, unsigned f, unsigned lvl)
{
    switch (f) {
    case F_HDFS:   /* 081109 203615 148 INFO */
        p = put_hc(p, HC_HDFS);
        p = putu(p, 1 + rndn(rndn(2) ? 400 : 4000));
        *p++ = ' ';
        p = putc_(p, lvl_s[LS_JAVA][lvl]);
        *p++ = ' ';
        return p;
    case F_HADOOP: /* 2015-10-18 18:01:47,978 INFO */
        p = put_hc(p, HC_ISO);
        p = put3(p, clk.ms);
        *p++ = ' ';
        p = putc_(p, lvl_s[LS_JAVA][lvl]);
        *p++ = ' ';
        return p;
    case F_SPARK:  /* 17/06/09 20:10:40 INFO */
        p = put_hc(p, HC_SPARK);
        p = putc_(p, lvl_s[LS_JAVA][lvl]);
        *p++ = ' ';
        return p;
    case F_ZK:     /* 2015-07-29 17:41:44,747 - INFO  [ */
        p = put_hc(p, HC_ISO);
        p = put3(p, clk.ms);
        memcpy(p, " - ", 3);
        return putc_(p + 3, lvl_s[LS_ZK][lvl]);
    case F_SSH:    /* Dec 10 06:55:46 LabSZ sshd[24200]: */
        if (rndn(8) == 0) ssh_pid = 1000 + rndn(31000);
        p = put_hc(p, HC_SSH);
        p = putu(p, ssh_pid);
        memcpy(p, "]: ", 3);
        return p + 3;
    case F_LINUX:  /* Jun 14 15:16:01 combo */
        return put_hc(p, HC_LINUX);
    case F_APACHE: /* [Sun Dec 04 04:47:44 2005] [error] */
        p = put_hc(p, HC_APACHE);
        p = putc_(p, lvl_s[LS_APACHE][lvl]);
        memcpy(p, "] ", 2);
        return p + 2;
    case F_BGL: {  /* - 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS */
        char loc[48], *l = loc;
        uint64_t r = rnd();
        if (lvl == LV_FATAL)
            p = putc_(p, bgl_tag_s[r & 3]);
        else
            *p++ = '-';
        p = put_hc(p, HC_BGL1);
        *l++ = 'R';
        l = put2(l, (unsigned)((r >> 8) % 48));
        memcpy(l, "-M", 2);
        l[2] = (char)('0' + ((r >> 16) & 1));
        memcpy(l + 3, "-N", 2);
        l[5] = "0123456789ABCDEF"[(r >> 20) & 15];
        memcpy(l + 6, "-C:J", 4);
        l = put2(l + 10, 2 + (unsigned)((r >> 24) % 17));
        memcpy(l, "-U", 2);
        l = put2(l + 2, ((r >> 32) & 1) ? 11 : 1);
        unsigned ll = (unsigned)(l - loc);
        p = fastcpy(p, loc, ll);
        *p++ = ' ';
        p = put_hc(p, HC_BGL2);
        p = put6(p, clk.ms * 1000 + (unsigned)((r >> 40) % 1000));
        *p++ = ' ';
        p = fastcpy(p, loc, ll);
        memcpy(p, " RAS ", 5);
        return p + 5;
    }
    case F_ANDROID: { /* 03-17 16:13:38.811  1702  2395 D */
        static const char lc[NLV] = { 'I', 'W', 'E', 'F' };
        p = put_hc(p, HC_ANDROID);
        p = put3(p, clk.ms);
        memcpy(p, "  1702 ", 7);
        p = putur(p + 7, 1702 + rndn(12000), 5);
        *p++ = ' ';
        char c = lc[lvl];
        if (lvl == LV_INFO) {
            unsigned r = rndn(8);
            c = r < 3 ? 'D' : r < 4 ? 'V' : 'I';
        }
        *p++ = c;
        *p++ = ' ';
        return p;
    }
    case F_PROXIFIER: /* [10.30 16:49:06] */
        return put_hc(p, HC_PROX);
    }
    return p;
}

/* Writes one complete line (with '\n') at p; returns the end. At most
 * MAXLINE bytes. */
#define MAXLINE 1024

static char *gen_line(char *p)
{
    clock_advance();
    if (clk.epoch != hc_epoch) hc_rebuild();
    uint32_t r = rndn(100000);
    unsigned lvl = r < 200 ? LV_FATAL : r < 2200 ? LV_ERROR : r < 7200 ? LV_WARN : LV_INFO;
    unsigned f = fmt_pick[rndn(fmt_npick)];
    while (pools[f][lvl].npick == 0) lvl--;
    cur_fmt = f;
    cur_lvl = lvl;

    uint32_t w = rndn(1000);
    if (w == 0) p = putc_(p, ws_s[rndn(4)]);
    p = header(p, f, lvl);
    const struct pool *pl = &pools[f][lvl];
    p = render(p, pl->pick[rndn(pl->npick)]);
    if (w == 1) p = putc_(p, ws_s[rndn(4)]);
    *p++ = '\n';
    return p;
}

/* ------------------------------------------------------------- output */

#define BUFSZ (1u << 20)

static char *outbuf;

static void write_all(const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t k = write(STDOUT_FILENO, buf, n);
        if (k < 0) {
            if (errno == EINTR) continue;
            if (errno == EPIPE) exit(0);
            fprintf(stderr, "genlog: write error: %s\n", strerror(errno));
            exit(1);
        }
        buf += k;
        n -= (size_t)k;
    }
}

static int parse_size(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    const char *p = s;
    if (*p < '0' || *p > '9') return 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > (UINT64_MAX - 9) / 10) return 0;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    unsigned shift = 0;
    switch (*p) {
    case '\0': break;
    case 'K': case 'k': shift = 10; p++; break;
    case 'M': case 'm': shift = 20; p++; break;
    case 'G': case 'g': shift = 30; p++; break;
    default: return 0;
    }
    if (*p != '\0') return 0;
    if (shift && v > (UINT64_MAX >> shift)) return 0;
    *out = v << shift;
    return 1;
}

int main(int argc, char **argv)
{
    uint64_t size;
    if (argc != 2) {
        fputs("genlog: usage: genlog SIZE   (bytes, optional suffix K, M or G)\n", stderr);
        return 2;
    }
    if (!parse_size(argv[1], &size)) {
        fprintf(stderr, "genlog: invalid SIZE '%s' (expected e.g. 1024, 200M, 2G)\n", argv[1]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    build_tables();

    char *buf = outbuf = xmalloc(BUFSZ + 2 * MAXLINE);   /* global: stays reachable */
    size_t pos = 0;
    uint64_t left = size;            /* bytes not yet placed in buf */
    enum { PADMIN = 64 };

    while (left > 0) {
        char *s = buf + pos;
        char *e = gen_line(s);
        uint64_t len = (uint64_t)(e - s);
        if (len >= left) {
            /* shorten: keep left-1 bytes of text, then '\n' */
            s[left - 1] = '\n';
            len = left;
        } else if (left - len < PADMIN) {
            /* too little room for another line: pad this one */
            size_t pad = (size_t)(left - len);
            e[-1] = pad > 1 ? ' ' : '.';
            memset(e, '.', pad);
            e[pad - 1] = '\n';
            len = left;
        }
        pos += (size_t)len;
        left -= len;
        if (pos >= BUFSZ) {
            write_all(buf, pos);
            pos = 0;
        }
    }
    if (pos) write_all(buf, pos);
    free(buf);
    outbuf = NULL;
    return 0;
}
