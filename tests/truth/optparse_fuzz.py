#!/usr/bin/env python3
"""optparse_fuzz.py DIR PROCSIM SEED COUNT: COUNT argument lists drawn at
random (random.seed(SEED)) from the options, abbreviations, clusters and odd
values of OSTEP's scheduler.py, fork.py, multi.py and process-run.py (in
DIR); where the tool answers with optparse's help or one of its errors,
`PROCSIM homework TOOL` must print the same, byte for byte, with the same
exit status (a tool still running after 5 s, fork.py -f nan, is left out).
Prints each difference and a count. What it showed is in
ostep-optparse.sh (seeds 1 and 2, 600 and 1,500 lists)."""
import os, random, subprocess, sys
DIR, P = sys.argv[1], sys.argv[2]
tools={'scheduler':(['-s','-j','-m','-q','-l','-p','-c','--seed','--jobs','--jl','--j','--maxlen','--q','--pol','--se','-cs','-sc','--help=','--jo=','--','-','x','-cz','--nope'],
                    ['3','010','0x1f','0b1','1_0',' 5','08','-2','x','','FIFO','RR','3,4','+4','0o7','1__0','_1','9999999999']),
 'fork':(['-s','-f','-a','-t','-F','-L','-R','-c','-P','-tcF','-tf','--forks','--fo','--f','--act','--actions','--seed','--comp','--','-A','-cs'],
         ['1','0.5','0.5_0','1e-1','x',' .7','inf','nan','0x1','7','3','-1','08','0.3e0','1_','.','1.']),
 'multi':(['-s','-j','-R','-W','-n','-q','-p','-o','-pn','-M','--job','--job_num','--num','--per','--seed=','--','-L','--max'],
          ['1','3','0x2','0b10','2','x','08','010','a:3:4','+1','-1']),
 'process-run':(['-s','-l','-L','-S','-I','-c','-p','-cp','-cpl','--s','--se','--iol','--iod','--proc','--pr','--printstats=','--'],
                ['3','5:50','3:0,2:100','1','010','x','SWITCH_ON_END','IO_RUN_IMMEDIATE','0x2'])}
random.seed(int(sys.argv[3]))
bad=0; n=0
for it in range(int(sys.argv[4])):
    t=random.choice(list(tools)); opts,vals=tools[t]
    args=[]
    for _ in range(random.randint(0,5)):
        o=random.choice(opts)
        if o.endswith('='): args.append(o+random.choice(vals)); continue
        args.append(o)
        if random.random()<0.7: args.append(random.choice(vals))
    if t=='process-run' and '-l' not in args: args+=['-l','3:50']
    try: py=subprocess.run(['python3',os.path.join(DIR,t+'.py')]+args,capture_output=True,timeout=5)
    except subprocess.TimeoutExpired: continue
    if py.returncode==2 and b'error:' in py.stderr or py.returncode==0 and b'Usage:' in py.stdout[:6]:
        ps=subprocess.run([P,'homework',t]+args,capture_output=True)
        n+=1
        if (ps.stdout,ps.stderr,ps.returncode)!=(py.stdout,py.stderr,py.returncode):
            bad+=1; print('DIFF',t,args, py.stderr[-120:], ps.stderr[-160:])
print(n,'optparse answers compared,',bad,'differ')
sys.exit(1 if bad else 0)
